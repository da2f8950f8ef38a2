// duckdb_rank.mjs -- the benchmark's DuckDB peer: the class ranks of a
// `classrank gen` district computed in SQL by DuckDB (@duckdb/node-api).
//
//   node duckdb_rank.mjs MODULES_DIR DISTRICT_DIR OUT_DIR THREADS
//
// MODULES_DIR is the directory holding node_modules/@duckdb/node-api (run.sh
// installs it into its work directory, outside the repository).  Writes
// OUT_DIR/rank-s<k>.csv (school_id,cohort,checkpoint,student_id,gpa_weighted,
// gpa_unweighted,credits,rank) and OUT_DIR/excluded-s<k>.csv
// (school_id,cohort,checkpoint,student_id,reasons) for k = 6, 7, 8, sorted
// like classrank's files.
//
// It implements the configuration `classrank gen` writes (the SPEC defaults;
// run.sh checks the config before calling it), not the whole configuration
// language: weighted GPA, repeats: all, competition ranks within (school,
// cohort), exact compare, precision 3 half_up, checkpoints 6/7/8 up to the
// as-of term (the latest term of any grade row), eligibility = assessment in
// [passed, alternative] and assessment_term not after the checkpoint, a run of
// 2 consecutive regular semesters in enrollment.csv at or before it, some
// GPA credit; roster rank_exclude -> flagged; December graduates join
// checkpoint 8.
//
// Exactness: points are integers in hundredths, credits in thousandths, the
// sums are HUGEINT.  Ranking orders by the quotient as a DOUBLE (both sums are
// integers below 2^53 and the division is correctly rounded, so equal
// fractions give equal doubles), and then every adjacent pair of the ordering
// is re-checked by HUGEINT cross-multiplication; a single violation fails the
// run (exit 4) instead of writing a rank that is not exact.
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';

const [modulesDir, dataDir, outDir, threadsArg] = process.argv.slice(2);
if (!modulesDir || !dataDir || !outDir) {
  console.error('usage: node duckdb_rank.mjs MODULES_DIR DISTRICT_DIR OUT_DIR [THREADS]');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modulesDir), 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const threads = String(parseInt(threadsArg || '1', 10));
const instance = await DuckDBInstance.create(':memory:', { threads });
const db = await instance.connect();
const q = (s) => s.replaceAll("'", "''");
const csv = (file) =>
  `read_csv('${q(file)}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
const data = path.resolve(dataDir);
fs.mkdirSync(outDir, { recursive: true });
const out = path.resolve(outDir);

async function run(sql) {
  await db.run(sql);
}
async function one(sql) {
  const r = await db.runAndReadAll(sql);
  return r.getRows()[0];
}
function fail(msg, code = 1) {
  console.error(`duckdb_rank: ${msg}`);
  process.exit(code);
}

// Terms as ordinals year*3 + season (SP 0, SU 1, FA 2); NULL when malformed.
await run(`
CREATE MACRO term_ord(s) AS
  CASE WHEN regexp_full_match(s, '[0-9]{4}-(SP|SU|FA)')
       THEN CAST(substr(s, 1, 4) AS INTEGER) * 3
            + CASE substr(s, 6, 2) WHEN 'SP' THEN 0 WHEN 'SU' THEN 1 ELSE 2 END
  END;
`);

// ------------------------------------------------------------------ roster
await run(`
CREATE TABLE roster AS
SELECT student_id, school_id, TRY_CAST(cohort AS INTEGER) AS cohort,
       assessment,
       assessment IN ('passed', 'alternative') AS assess_ok,
       assessment_term, term_ord(assessment_term) AS assess_t,
       grad_term, term_ord(grad_term) AS grad_t,
       coalesce(rank_exclude, '') AS rank_exclude,
       lower(coalesce(rank_exclude, '')) IN ('yes', 'true', '1') AS flagged
FROM ${csv(path.join(data, 'students.csv'))};
`);
{
  const [bad, dup] = await one(`
    SELECT count(*) FILTER (WHERE student_id IS NULL OR school_id IS NULL OR cohort IS NULL
              OR assessment IS NULL
              OR assessment NOT IN ('passed', 'alternative', 'waived', 'none')
              OR (assessment_term IS NOT NULL AND assess_t IS NULL)
              OR (grad_term IS NOT NULL AND grad_t IS NULL)
              OR lower(rank_exclude) NOT IN ('', 'yes', 'no', 'true', 'false', '1', '0')),
           count(*) - count(DISTINCT student_id)
    FROM roster`);
  if (bad > 0n || dup > 0n) fail(`students.csv: ${bad} bad rows, ${dup} duplicate ids`);
}

// ------------------------------------------------------------------ grades
// One pass over every grade file: validate each row, and sum the GPA-bearing
// rows per (student, term).  pu/pw: unweighted/weighted points in hundredths
// (-1 for a non-GPA mark, NULL for a bad grade); cr: credits in thousandths.
await run(`
CREATE TABLE agg AS
WITH rows AS (
  SELECT student_id, term_ord(term) AS t,
         CASE grade
           WHEN 'A+' THEN 400 WHEN 'A' THEN 400 WHEN 'A-' THEN 370
           WHEN 'B+' THEN 330 WHEN 'B' THEN 300 WHEN 'B-' THEN 270
           WHEN 'C+' THEN 230 WHEN 'C' THEN 200 WHEN 'C-' THEN 170
           WHEN 'D+' THEN 130 WHEN 'D' THEN 100 WHEN 'D-' THEN 70
           WHEN 'F' THEN 0
           WHEN 'P' THEN -1 WHEN 'I' THEN -1 WHEN 'W' THEN -1
           WHEN 'NC' THEN -1 WHEN 'AU' THEN -1 WHEN 'CR' THEN -1
           ELSE CASE WHEN regexp_full_match(grade, '[0-9]+(\\.[0-9]{1,6})?')
                          AND CAST(grade AS DECIMAL(18, 6)) <= 100
                     THEN CASE WHEN CAST(grade AS DECIMAL(18, 6)) >= 90 THEN 400
                               WHEN CAST(grade AS DECIMAL(18, 6)) >= 80 THEN 300
                               WHEN CAST(grade AS DECIMAL(18, 6)) >= 70 THEN 200
                               WHEN CAST(grade AS DECIMAL(18, 6)) >= 60 THEN 100
                               ELSE 0 END
                END
         END AS pu,
         CASE coalesce(level, '')
           WHEN '' THEN 0 WHEN 'regular' THEN 0
           WHEN 'honors' THEN 100 WHEN 'ap' THEN 100 WHEN 'ib' THEN 100 WHEN 'dual' THEN 100
         END AS bonus,
         CASE WHEN regexp_full_match(credits, '[0-9]+(\\.[0-9]{1,3})?')
                   AND CAST(credits AS DECIMAL(18, 3)) <= 10
              THEN CAST(CAST(credits AS DECIMAL(18, 3)) * 1000 AS BIGINT) END AS cr,
         coalesce(source, '') IN ('', 'district', 'transfer') AS source_ok,
         course_id IS NOT NULL AS course_ok
  FROM ${csv(path.join(data, 'grades', '*.csv'))}
)
SELECT student_id, t,
       count(*) FILTER (WHERE student_id IS NULL OR t IS NULL OR pu IS NULL OR bonus IS NULL
                        OR cr IS NULL OR NOT source_ok OR NOT course_ok) AS nbad,
       sum(cr) FILTER (WHERE pu >= 0) AS c,
       sum(pu * cr) FILTER (WHERE pu >= 0) AS nu,
       sum((pu + CASE WHEN pu >= 200 THEN bonus ELSE 0 END) * cr) FILTER (WHERE pu >= 0) AS nw
FROM rows
GROUP BY ALL;
`);
const [nbad, asof] = await one(`SELECT sum(nbad), max(t) FROM agg`);
if (nbad > 0n) fail(`grade files: ${nbad} bad rows`);
if (asof === null) fail('grade files: no rows');

// -------------------------------------------------------------- enrollment
await run(`
CREATE TABLE enr AS
SELECT DISTINCT e.student_id, term_ord(e.term) AS t
FROM ${csv(path.join(data, 'enrollment.csv'))} e SEMI JOIN roster r USING (student_id);
`);
{
  const [bad] = await one(`SELECT count(*) FILTER (WHERE t IS NULL) FROM enr`);
  if (bad > 0n) fail(`enrollment.csv: ${bad} bad terms`);
}
// Runs of consecutive regular semesters: regular index r = year*2 (+1 for FA);
// summers are dropped, so they neither count nor break a run.
await run(`
CREATE TABLE runs AS
SELECT student_id, min(r) AS s, max(r) AS e
FROM (SELECT student_id, r, r - row_number() OVER (PARTITION BY student_id ORDER BY r) AS g
      FROM (SELECT student_id, (t // 3) * 2 + CASE WHEN t % 3 = 2 THEN 1 ELSE 0 END AS r
            FROM enr WHERE t % 3 <> 1))
GROUP BY student_id, g;
`);

// ------------------------------------------------- checkpoints and classes
// term(C, k): FA of C-4+(k-1)/2 for odd k, SP of C-4+k/2 for even k.
await run(`
CREATE TABLE cp AS
SELECT r.*, k.k,
       CASE WHEN k.k % 2 = 1 THEN (r.cohort - 4 + (k.k - 1) // 2) * 3 + 2
            ELSE (r.cohort - 4 + k.k // 2) * 3 END AS cpt,
       CASE WHEN k.k % 2 = 1 THEN (r.cohort - 4 + (k.k - 1) // 2) * 2 + 1
            ELSE (r.cohort - 4 + k.k // 2) * 2 END AS cpr,
       (r.cohort - 1) * 3 + 2 AS t7
FROM roster r CROSS JOIN (VALUES (6), (7), (8)) AS k(k)
WHERE (CASE WHEN k.k % 2 = 1 THEN (r.cohort - 4 + (k.k - 1) // 2) * 3 + 2
            ELSE (r.cohort - 4 + k.k // 2) * 3 END) <= ${asof};
`);
await run(`
CREATE TABLE members AS
SELECT cp.*
FROM cp
WHERE EXISTS (SELECT 1 FROM enr WHERE enr.student_id = cp.student_id AND enr.t = cp.cpt)
   OR (cp.k = 8 AND cp.grad_t = cp.t7);
`);
await run(`
CREATE TABLE res AS
WITH gpa AS (
  SELECT m.student_id, m.k, sum(a.c) AS c, sum(a.nu) AS nu, sum(a.nw) AS nw
  FROM members m JOIN agg a ON a.student_id = m.student_id AND a.t <= m.cpt AND a.c IS NOT NULL
  GROUP BY m.student_id, m.k
), longest AS (
  SELECT m.student_id, m.k, max(least(u.e, m.cpr) - u.s + 1) AS run
  FROM members m JOIN runs u ON u.student_id = m.student_id AND u.s <= m.cpr
  GROUP BY m.student_id, m.k
)
SELECT m.school_id, m.cohort, m.k, m.student_id,
       coalesce(g.c, 0) AS c, coalesce(g.nu, 0) AS nu, coalesce(g.nw, 0) AS nw,
       concat_ws(';',
         CASE WHEN m.flagged THEN 'flagged' END,
         CASE WHEN NOT m.assess_ok OR m.assess_t > m.cpt THEN 'assessment' END,
         CASE WHEN coalesce(l.run, 0) < 2 THEN 'consecutive' END,
         CASE WHEN coalesce(g.c, 0) = 0 THEN 'no_gpa' END) AS reasons
FROM members m
LEFT JOIN gpa g ON g.student_id = m.student_id AND g.k = m.k
LEFT JOIN longest l ON l.student_id = m.student_id AND l.k = m.k;
`);

// ----------------------------------------------------------------- ranking
await run(`
CREATE TABLE ranked AS
SELECT school_id, cohort, k, student_id, c, nu, nw,
       CAST(nw AS DOUBLE) / CAST(c AS DOUBLE) AS ratio,
       rank() OVER (PARTITION BY school_id, cohort, k ORDER BY CAST(nw AS DOUBLE) / CAST(c AS DOUBLE) DESC) AS rank
FROM res WHERE reasons = '';
`);
{
  // Every adjacent pair of the double ordering, checked exactly.
  const [violations] = await one(`
    SELECT count(*) FROM (
      SELECT nw, c, ratio,
             lag(nw) OVER w AS pnw, lag(c) OVER w AS pc, lag(ratio) OVER w AS pratio
      FROM ranked
      WINDOW w AS (PARTITION BY school_id, cohort, k ORDER BY ratio DESC, student_id))
    WHERE pnw IS NOT NULL
      AND ((ratio = pratio AND CAST(pnw AS HUGEINT) * c <> CAST(nw AS HUGEINT) * pc)
        OR (ratio <> pratio AND CAST(pnw AS HUGEINT) * c <= CAST(nw AS HUGEINT) * pc))`);
  if (violations > 0n) fail(`${violations} adjacent pairs ordered wrongly by doubles`, 4);
}

// ----------------------------------------------------------------- outputs
// half_up at 3 decimals of nw / (100 c): q = floor((20 nw + c) / (2 c)).
const dec3 = (x) => `printf('%d.%03d', CAST((${x}) // 1000 AS BIGINT), CAST((${x}) % 1000 AS BIGINT))`;
for (const k of [6, 7, 8]) {
  await run(`
    COPY (SELECT school_id, cohort, k AS checkpoint, student_id,
                 ${dec3('(20 * nw + c) // (2 * c)')} AS gpa_weighted,
                 ${dec3('(20 * nu + c) // (2 * c)')} AS gpa_unweighted,
                 ${dec3('c')} AS credits, rank
          FROM ranked WHERE k = ${k}
          ORDER BY school_id, cohort, rank, student_id)
    TO '${q(path.join(out, `rank-s${k}.csv`))}' (HEADER, DELIMITER ',');`);
  await run(`
    COPY (SELECT school_id, cohort, k AS checkpoint, student_id, reasons
          FROM res WHERE k = ${k} AND reasons <> ''
          ORDER BY school_id, cohort, student_id)
    TO '${q(path.join(out, `excluded-s${k}.csv`))}' (HEADER, DELIMITER ',');`);
}

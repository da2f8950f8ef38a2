#!/usr/bin/env bash
# report/index.html in a real browser: headless Chromium prints it to PDF
# and PNG; the PDF's text must hold the honored names, a hostile name shown
# as text (never run), and one page per (school, class).  Also checks the
# honors CSV guards a formula-looking name.
# Usage: report_browser.sh CLASSRANK_BINARY [PNG_OUT]
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null; then
  echo "FAIL: chromium and poppler-utils are needed (tools/test.sh installs them)"; exit 1
fi

mkdir grades
cat > config.yaml <<'Y'
rank: {checkpoints: [6]}
honors:
  - {name: Summa, min_gpa: 3.9}
  - {name: Honor Roll, min_gpa: 3.0}
Y
cat > students.csv <<'C'
student_id,school_id,cohort,assessment,first_name,last_name
a1,North,2026,passed,<script>alert(1)</script>,Hacker
a2,North,2026,passed,Zoë,"O'Brien & Sons"
a3,North,2026,passed,Low,Grades
b1,South,2026,passed,=HYPERLINK(1),Formula
b2,South,2026,passed,Bea,Bright
C
printf 'student_id,term,course_id,grade,credits\n' > grades/g.csv
for s in a1 a2 a3 b1 b2; do printf '%s,2024-FA,X,A,1\n' $s >> grades/g.csv; done
printf 'a1,2025-SP,Y,A,1\na2,2025-SP,Y,B,1\na3,2025-SP,Y,D,1\nb1,2025-SP,Y,A,1\nb2,2025-SP,Y,B+,1\n' >> grades/g.csv
"$bin" rank --config config.yaml --students students.csv --grades grades --out out || { echo "FAIL: rank"; exit 1; }
html=out/report/index.html

grep -q '<script' "$html" && bad "raw <script> in the HTML" || ok
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$html" && ok || bad "hostile name not escaped"
grep -qiE 'src=|href=|<link|@import|url\(' "$html" && bad "external asset referenced" || ok
grep -q "^South,2026,b1,Formula,'=HYPERLINK(1),Summa," out/honors-s6.csv && ok || bad "formula name not guarded: $(cat out/honors-s6.csv)"

flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$work/profile"
timeout 120 "$browser" $flags --print-to-pdf="$work/report.pdf" --no-pdf-header-footer "file://$work/$html" >/dev/null 2>&1
timeout 120 "$browser" $flags --screenshot="$work/report.png" --window-size=900,1400 "file://$work/$html" >/dev/null 2>&1
[ -s report.pdf ] && ok || bad "no PDF printed"
[ -s report.png ] && ok || bad "no PNG"
text=$(pdftotext -layout report.pdf - 2>/dev/null)
for want in "North" "South" "<script>alert(1)</script> Hacker" "Zoë O'Brien & Sons" "Bea Bright" "class of 2026"; do
  grep -qF "$want" <<<"$text" && ok || bad "PDF text lacks '$want'"
done
grep -qF "Low Grades" <<<"$text" && bad "a student without honors is listed" || ok
pages=$(pdfinfo report.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "$pages" = 2 ] && ok || bad "expected one page per school (2), got '$pages'"
# each page holds exactly one school
p1=$(pdftotext -f 1 -l 1 report.pdf - 2>/dev/null); p2=$(pdftotext -f 2 -l 2 report.pdf - 2>/dev/null)
{ grep -q North <<<"$p1" && ! grep -q South <<<"$p1" && grep -q South <<<"$p2"; } && ok || bad "schools not on separate pages"
[ -n "${2:-}" ] && cp report.png "$2"

echo "report_browser: $pass passed, $fail failed"
[ "$fail" = 0 ]

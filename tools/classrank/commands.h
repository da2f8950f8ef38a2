/* commands.h -- one entry point per subcommand; each returns the exit status. */
#ifndef CLASSRANK_COMMANDS_H
#define CLASSRANK_COMMANDS_H

int cmd_rank(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_whatif(int argc, char **argv);
int cmd_gen(int argc, char **argv);

#endif

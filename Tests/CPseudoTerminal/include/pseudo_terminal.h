// Pseudo-terminal helpers for the REPL tests: the functions Swift's Glibc
// module does not declare (posix_openpt and friends need _GNU_SOURCE).
#ifndef REDLINE_PSEUDO_TERMINAL_H
#define REDLINE_PSEUDO_TERMINAL_H

#include <sys/types.h>

/// Opens a pseudo-terminal of `columns` x 24; returns the controller's fd
/// and writes the terminal's path into `name`, or returns -1.
int redline_open_pseudo_terminal(char *name, int size, int columns);

/// Starts `path` in a new session whose controlling terminal is `terminal`
/// (standard input, output and error), in `directory`. Returns the pid or -1.
pid_t redline_spawn_on_terminal(const char *path, char *const argv[], char *const envp[],
                                const char *terminal, const char *directory, int controller);

#endif

#define _GNU_SOURCE
#include "pseudo_terminal.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int redline_open_pseudo_terminal(char *name, int size, int columns) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0 || ptsname_r(fd, name, (size_t)size) != 0) {
        close(fd);
        return -1;
    }
    struct winsize window = {.ws_row = 24, .ws_col = (unsigned short)columns};
    ioctl(fd, TIOCSWINSZ, &window);
    return fd;
}

pid_t redline_spawn_on_terminal(const char *path, char *const argv[], char *const envp[],
                                const char *terminal, const char *directory, int controller) {
    pid_t pid = fork();
    if (pid != 0) return pid;
    // In the child: only async-signal-safe calls until execve.
    // The test runner's threads may block or ignore signals; a person's shell does not.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGINT, SIG_DFL);
    setsid();
    int fd = open(terminal, O_RDWR);  // the first terminal a session leader opens becomes its controlling one
    if (fd < 0) {
        static const char message[] = "redline_spawn_on_terminal: cannot open the terminal\n";
        write(2, message, sizeof message - 1);
        _exit(126);
    }
    dup2(fd, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    if (fd > 2) close(fd);
    close(controller);
    if (chdir(directory) != 0) _exit(125);
    execve(path, argv, envp);
    static const char failed[] = "redline_spawn_on_terminal: execve failed\n";
    write(2, failed, sizeof failed - 1);
    _exit(127);
}

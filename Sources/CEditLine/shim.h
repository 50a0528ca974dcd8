// Fixed-arity wrappers around libedit's variadic el_set/el_get/history,
// which Swift cannot call directly, and an el_init that keeps the C stdio
// globals on the C side.
#ifndef REDLINE_CEDITLINE_SHIM_H
#define REDLINE_CEDITLINE_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <histedit.h>

typedef char *(*redline_prompt_fn)(EditLine *);
typedef unsigned char (*redline_command_fn)(EditLine *, int);

static inline EditLine *redline_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int redline_el_set_prompt(EditLine *el, redline_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int redline_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int redline_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int redline_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int redline_el_addfn(EditLine *el, const char *name, const char *help, redline_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int redline_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, NULL);
}
/// Replaces libedit's character reader (EL_GETCFN).
static inline int redline_el_set_getcfn(EditLine *el, el_rfunc_t fn) {
    return el_set(el, EL_GETCFN, fn);
}
static inline int redline_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *redline_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline History *redline_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    if (h) history(h, &ev, H_SETSIZE, size);
    return h;
}
static inline int redline_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int redline_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int redline_history_save_fp(History *h, FILE *file) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, file);
}

/// Columns of the terminal on `fd`, or 0 when it is not a terminal.
static inline int redline_terminal_width(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

#endif

/*
 * arctl's matcher oracle: runs Wazuh's own OS_Regex and OSMatch (src/os_regex, compiled from a Wazuh source
 * tree by scripts/oracle/build-regex.sh, never vendored) on patterns and subjects read from standard input.
 *
 * Input, one case per line:  KIND FLAGS PATTERN_HEX SUBJECT_HEX   (KIND R: OS_Regex, M: OSMatch; FLAGS the
 * OSRegex_Compile / OSMatch_Compile flags in decimal; an empty pattern or subject is written as `-`)
 * Output, one line per case:  `nocompile ERROR` | `0` (no match) | `1 END SUB_HEX,...` for OS_Regex (END the
 * offset of the returned pointer in the subject, then each sub-string, `-` when empty) | `1` for OSMatch |
 * `crash SIGNAL` (OS_Regex runs in a child process: copying a sub-string can overrun its buffer).
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "shared.h"

static size_t unhex(const char *h, char *out) {
    size_t n = 0;
    if (h[0] == '-') { out[0] = '\0'; return 0; }
    for (; h[0] && h[1] && h[0] != ' ' && h[0] != '\n'; h += 2) {
        unsigned v;
        if (sscanf(h, "%2x", &v) != 1) break;
        out[n++] = (char)v;
    }
    out[n] = '\0';
    return n;
}

static void hex(const char *s) {
    if (!*s) { putchar('-'); return; }
    for (; *s; s++) printf("%02x", (unsigned char)*s);
}

int main(void) {
    static char line[1 << 21], pattern[1 << 20], subject[1 << 20];
    while (fgets(line, sizeof line, stdin)) {
        char kind = line[0];
        char *p = strchr(line, ' ');
        if (!p) continue;
        int flags = atoi(p + 1);
        p = strchr(p + 1, ' ');
        if (!p) continue;
        unhex(p + 1, pattern);
        char *s = strchr(p + 1, ' ');
        if (!s) continue;
        size_t subject_len = unhex(s + 1, subject);
        if (kind == 'R') {
            /* Only a sub-string copy can crash: those cases run in a child. */
            int forked = (flags & OS_RETURN_SUBSTRING) != 0;
            fflush(stdout);
            pid_t pid = forked ? fork() : 0;
            if (pid < 0) { perror("fork"); return 2; }
            if (pid > 0) {
                int status = 0;
                waitpid(pid, &status, 0);
                if (WIFSIGNALED(status)) printf("crash %d\n", WTERMSIG(status));
                continue;
            }
            OSRegex reg;
            memset(&reg, 0, sizeof reg);
            if (!OSRegex_Compile(pattern, &reg, flags)) {
                printf("nocompile %d\n", reg.error);
            } else {
                const char *end = OSRegex_Execute(subject, &reg);
                if (!end) {
                    printf("0\n");
                } else {
                    printf("1 %ld", (long)(end - subject));
                    for (int i = 0; reg.d_sub_strings && reg.d_sub_strings[i]; i++) {
                        putchar(' ');
                        hex(reg.d_sub_strings[i]);
                    }
                    putchar('\n');
                }
                OSRegex_FreePattern(&reg);
            }
            fflush(stdout);
            if (forked) _exit(0);
        } else {
            OSMatch reg;
            memset(&reg, 0, sizeof reg);
            if (!OSMatch_Compile(pattern, &reg, flags)) printf("nocompile %d\n", reg.error);
            else {
                printf("%d\n", OSMatch_Execute(subject, subject_len, &reg));
                OSMatch_FreePattern(&reg);
            }
        }
    }
    fflush(stdout);
    return 0;
}

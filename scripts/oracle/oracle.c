/*
 * arctl's oracle harness: runs Wazuh's own configuration readers (compiled from a Wazuh source tree,
 * never vendored) on configuration files and prints, per file and daemon, every logged line and the
 * verdict. See scripts/oracle/README.md.
 *
 * Usage: oracle FILE...    (or file names on standard input when no FILE is given)
 * Output: one JSON object per line: {"file":..., "analysisd":{"verdict":..., "log":[...], "ar_conf":...},
 *                                     "maild":{"verdict":..., "log":[...]}}
 */
#include "shared.h"
#include "config/config.h"
#include "config/global-config.h"
#include "analysisd/config.h"
#include "analysisd/active-response.h"
#include "os_maild/maild.h"
#include <sys/wait.h>

int AR_ReadConfig(const char *cfgfile);
void AR_Init(void);
int GlobalConf(const char *cfgfile);
int MailConf(int test_config, const char *cfgfile, MailConfig *Mail);

MailConfig mail;
extern _Config Config;

/* Every log line goes to this descriptor (a pipe to the parent). */
static int log_fd = 1;

static void emit(const char *level, const char *msg, va_list ap) {
    char buf[OS_MAXSTR * 2];
    int n = snprintf(buf, sizeof buf, "%s: ", level);
    n += vsnprintf(buf + n, sizeof buf - n - 2, msg, ap);
    if (n > (int)sizeof buf - 2) n = sizeof buf - 2;
    /* One record per message: NUL-terminated (a message may hold newlines). */
    buf[n++] = '\0';
    if (write(log_fd, buf, n) < 0) _exit(99);
}

void _merror(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("ERROR", msg, ap); va_end(ap); }
void _mwarn(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("WARNING", msg, ap); va_end(ap); }
void _minfo(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("INFO", msg, ap); va_end(ap); }
void _mdebug1(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _mdebug2(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _mtdebug1(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _mtdebug2(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _mterror(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("ERROR", msg, ap); va_end(ap); }
void _mtwarn(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("WARNING", msg, ap); va_end(ap); }
void _mtinfo(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("INFO", msg, ap); va_end(ap); }
void _merror_exit(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("CRITICAL", msg, ap); va_end(ap); _exit(1); }
void _mterror_exit(__attribute__((unused)) const char *tag, __attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, ...) { va_list ap; va_start(ap, msg); emit("CRITICAL", msg, ap); va_end(ap); _exit(1); }

void _mverror(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, va_list ap) { emit("ERROR", msg, ap); }
void _mvwarn(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, va_list ap) { emit("WARNING", msg, ap); }
void _mvinfo(__attribute__((unused)) const char *file, __attribute__((unused)) int line, __attribute__((unused)) const char *func, const char *msg, va_list ap) { emit("INFO", msg, ap); }

/* analysisd.c main, from AR_Init to the socket check (v4.14.7 lines 400-455). */
static void run_analysisd(const char *cfg) {
    AR_Init();
    if (AR_ReadConfig(cfg) < 0) merror_exit(CONFIG_ERROR, cfg);
    if (GlobalConf(cfg) < 0) merror_exit(CONFIG_ERROR, cfg);
    if (!(Config.alerts_log || Config.jsonout_output)) {
        mwarn("All alert formats are disabled. Mail reporting, Syslog client and Integrator won't work properly.");
    }
    Config.ar = ar_flag;
    if (Config.ar == -1) Config.ar = 0;
    if (Config.socket_list && Config.forwarders_list) {
        socket_forwarder *forwarder_socket_list = Config.socket_list;
        for (int target_num = 0; Config.forwarders_list[target_num]; target_num++) {
            int found = -1;
            for (int num_sk = 0; forwarder_socket_list && forwarder_socket_list[num_sk].name; num_sk++) {
                found = strcmp(forwarder_socket_list[num_sk].name, Config.forwarders_list[target_num]);
                if (found == 0) {
                    break;
                } else if (found != 0) {
                    mwarn("Socket for target '%s' is not defined.", Config.forwarders_list[target_num]);
                }
            }
        }
    }
    char line[64];
    int n = snprintf(line, sizeof line, "AR: %d", Config.ar);
    if (write(log_fd, line, n + 1) < 0) _exit(99);
    _exit(0);
}

static void run_maild(const char *cfg) {
    if (MailConf(0, cfg, &mail) < 0) merror_exit(CONFIG_ERROR, OSSECCONF);
    _exit(0);
}

static void json_string(const char *s, size_t len) {
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { putchar('\\'); putchar(c); }
        else if (c == '\n') fputs("\\n", stdout);
        else if (c == '\r') fputs("\\r", stdout);
        else if (c == '\t') fputs("\\t", stdout);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

/* Runs one daemon's reading in a child (maild exits inside MailConf; a reader may crash). */
static void run_child(const char *daemon, const char *cfg, const char *workdir) {
    int fds[2];
    if (pipe(fds) < 0) { perror("pipe"); exit(2); }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        log_fd = fds[1];
        if (chdir(workdir) < 0) _exit(98);
        if (!strcmp(daemon, "analysisd")) run_analysisd(cfg); else run_maild(cfg);
    }
    close(fds[1]);
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    ssize_t r;
    while ((r = read(fds[0], buf + len, cap - len)) > 0) {
        len += r;
        if (len == cap) { cap *= 2; buf = realloc(buf, cap); }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    int ar = -1;
    printf("\"%s\":{\"log\":[", daemon);
    int first = 1;
    for (size_t i = 0; i < len;) {
        size_t l = strlen(buf + i);
        if (!strncmp(buf + i, "AR: ", 4)) ar = atoi(buf + i + 4);
        else {
            if (!first) putchar(',');
            first = 0;
            json_string(buf + i, l);
        }
        i += l + 1;
    }
    printf("],\"signal\":%d,\"exit\":%d", WIFSIGNALED(status) ? WTERMSIG(status) : 0, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (!strcmp(daemon, "analysisd") && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf(",\"ar\":%d,\"ar_conf\":", ar);
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", workdir, DEFAULTAR);
        FILE *fp = fopen(path, "r");
        char text[1 << 16];
        size_t n = fp ? fread(text, 1, sizeof text, fp) : 0;
        if (fp) fclose(fp);
        json_string(text, n);
    }
    putchar('}');
    free(buf);
}

static void run_file(const char *name, const char *workdir) {
    /* The readers run in the scratch directory: a relative name is made absolute (the log shows it so). */
    char cfg[PATH_MAX], cwd[PATH_MAX];
    if (name[0] == '/' || !getcwd(cwd, sizeof cwd)) snprintf(cfg, sizeof cfg, "%s", name);
    else snprintf(cfg, sizeof cfg, "%s/%s", cwd, name);
    printf("{\"file\":");
    json_string(name, strlen(name));
    putchar(',');
    run_child("analysisd", cfg, workdir);
    putchar(',');
    run_child("maild", cfg, workdir);
    printf("}\n");
    fflush(stdout);
}

int main(int argc, char **argv) {
    char workdir[] = "/tmp/arctl-oracle-XXXXXX";
    if (!mkdtemp(workdir)) { perror("mkdtemp"); return 2; }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/etc", workdir); mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/etc/shared", workdir); mkdir(dir, 0700);
    /* getDefine_Int reads etc/internal_options.conf: the stock value of the one option the readers ask for. */
    char options[PATH_MAX];
    snprintf(options, sizeof options, "%s/%s", workdir, OSSEC_DEFINES);
    FILE *fp = fopen(options, "w");
    if (!fp) { perror(options); return 2; }
    fputs("analysisd.min_rotate_interval=600\n", fp);
    fclose(fp);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) run_file(argv[i], workdir);
    } else {
        char line[PATH_MAX];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = '\0';
            if (*line) run_file(line, workdir);
        }
    }
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", workdir, DEFAULTAR); unlink(path);
    unlink(options);
    snprintf(dir, sizeof dir, "%s/etc/shared", workdir); rmdir(dir);
    snprintf(dir, sizeof dir, "%s/etc", workdir); rmdir(dir);
    rmdir(workdir);
    return 0;
}

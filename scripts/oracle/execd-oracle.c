/*
 * arctl's execd oracle: Wazuh's own wazuh-execd main loop (src/os_execd/execd.c ExecdStart, ExecdRun,
 * ExecdTimeoutRun, included below as it is) run against a fake clock, a fake queue and fake programs.
 *
 * Usage (in a directory holding etc/shared/ar.conf and active-response/bin/<program> files, as execd's):
 *   execd-oracle OSSEC_CONF MESSAGES END_TIME
 * MESSAGES: one message a line, `TIME<TAB>ANSWER<TAB>MESSAGE`, in arrival order: TIME the second it arrives,
 * MESSAGE the JSON analysisd sends, ANSWER the line the program writes back to execd (its check_keys
 * message), or `-` for a program that writes nothing. END_TIME: the last second to run.
 *
 * The clock: time() answers the fake second. select() (EXECD_TIMEOUT, one second) returns at once while a
 * message is due at the current second, else it times out and the clock moves on by one second; after the
 * last message it stops at END_TIME. So ExecdTimeoutRun runs once at every second, before the messages of
 * that second, and once after each message.
 *
 * Output, one JSON object a line: {"config":{"status":ExecdConfig's return,"repeated":[minutes...]}}, then
 * per program run {"t":T,"action":"add"|"abort"|"delete","alert":ID,"key":HEX|null,"timeout":S[,"added":T]}
 * (key: the timeout-list entry's rkey in hex, null when nothing is kept), then per entry still listed at the
 * end {"action":"active","alert":ID,"key":HEX,"timeout":S,"added":T}. `alert`: parameters.alert.id of the
 * message (for deletes: of the message that added the entry).
 */
#include "shared.h"
#include "os_execd/execd.h"
#include <cJSON.h>

static time_t fake_now;
static time_t end_time;
static FILE *messages;
static int have_next;
static time_t next_time;
static char *next_answer;
static char *next_message;
static char *current_answer;

/* The stand-ins execd.c calls (macros: they apply to execd.c alone, included after them). */
static time_t fake_time(time_t *t) {
    if (t) *t = fake_now;
    return fake_now;
}
static int fake_select(int nfds, fd_set *readfds, fd_set *w, fd_set *e, struct timeval *timeout);
static wfd_t *fake_wpopenv(const char *path, char *const *argv, int flags);
static int fake_wpclose(wfd_t *wfd);
#define time(t) fake_time(t)
#define select(n, r, w, e, t) fake_select(n, r, w, e, t)
#define wpopenv(p, a, f) fake_wpopenv(p, a, f)
#define wpclose(w) fake_wpclose(w)

#include "os_execd/execd.c"

#undef time
#undef select
#undef wpopenv
#undef wpclose

/* What the linked files refer to and the oracle never reaches (main.c's globals, the cluster socket). */
int req_timeout;
int max_restart_lock;
void HandleSIG(__attribute__((unused)) int sig) { exit(0); }
FILE *wfopen(const char *pathname, const char *mode) { return fopen(pathname, mode); }
void w_file_cloexec(__attribute__((unused)) FILE *fp) {}
int external_socket_connect(__attribute__((unused)) char *path, __attribute__((unused)) int timeout) { return -1; }
int OS_SendSecureTCPCluster(__attribute__((unused)) int sock, __attribute__((unused)) const void *command,
                            __attribute__((unused)) const void *payload, __attribute__((unused)) size_t length) { return -1; }
int OS_RecvSecureClusterTCP(__attribute__((unused)) int sock, __attribute__((unused)) char *ret,
                            __attribute__((unused)) size_t length) { return -1; }

/* Log lines go to stderr (the comparison reads standard output only). */
#define LOGGER(name, level) \
    void name(__attribute__((unused)) const char *file, __attribute__((unused)) int line, \
              __attribute__((unused)) const char *func, const char *msg, ...) { \
        va_list ap; va_start(ap, msg); fprintf(stderr, level ": "); vfprintf(stderr, msg, ap); fputc('\n', stderr); va_end(ap); }
LOGGER(_merror, "ERROR") LOGGER(_mwarn, "WARNING") LOGGER(_minfo, "INFO")
void _mdebug1(__attribute__((unused)) const char *file, __attribute__((unused)) int line,
              __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _mdebug2(__attribute__((unused)) const char *file, __attribute__((unused)) int line,
              __attribute__((unused)) const char *func, __attribute__((unused)) const char *msg, ...) {}
void _merror_exit(__attribute__((unused)) const char *file, __attribute__((unused)) int line,
                  __attribute__((unused)) const char *func, const char *msg, ...) {
    va_list ap; va_start(ap, msg); fprintf(stderr, "CRITICAL: "); vfprintf(stderr, msg, ap); fputc('\n', stderr); va_end(ap);
    exit(1);
}

static void read_next(void) {
    static char *line = NULL;
    static size_t size = 0;
    have_next = 0;
    ssize_t n = getline(&line, &size, messages);
    if (n <= 0) return;
    if (line[n - 1] == '\n') line[n - 1] = '\0';
    char *tab1 = strchr(line, '\t');
    char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (!tab2) { fprintf(stderr, "execd-oracle: bad message line: %s\n", line); exit(2); }
    *tab1 = *tab2 = '\0';
    next_time = (time_t)strtoll(line, NULL, 10);
    next_answer = tab1 + 1;
    next_message = tab2 + 1;
    have_next = 1;
}

static void print_key_hex(const char *key) {
    if (!key) { fputs("null", stdout); return; }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) printf("%02x", *p);
    putchar('"');
}

/* parameters.alert.id of a message execd wrote, as a JSON string (null when absent). */
static void print_alert_id(const char *message) {
    cJSON *root = cJSON_Parse(message);
    cJSON *id = root ? cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "parameters"), "alert"), "id") : NULL;
    char *text = cJSON_IsString(id) ? cJSON_PrintUnformatted(id) : NULL;
    fputs(text ? text : "null", stdout);
    free(text);
    cJSON_Delete(root);
}

/* An event on a listed entry; `message`: the one whose alert it names (the entry's own for deletes). */
static void print_entry(const char *action, time_t t, const timeout_data *entry, const char *message) {
    printf("{\"t\":%lld,\"action\":\"%s\",\"alert\":", (long long)t, action);
    print_alert_id(message);
    fputs(",\"key\":", stdout);
    print_key_hex(entry->rkey);
    printf(",\"timeout\":%d,\"added\":%lld}\n", entry->time_to_block, (long long)entry->time_of_addition);
}

static void finish(void) {
    for (OSListNode *node = OSList_GetFirstNode(timeout_list); node; node = node->next) {
        timeout_data *entry = node->data;
        printf("{\"action\":\"active\",\"alert\":");
        print_alert_id(entry->parameters);
        fputs(",\"key\":", stdout);
        print_key_hex(entry->rkey);
        printf(",\"timeout\":%d,\"added\":%lld}\n", entry->time_to_block, (long long)entry->time_of_addition);
    }
    fflush(stdout);
    exit(0);
}

static int fake_select(__attribute__((unused)) int nfds, __attribute__((unused)) fd_set *readfds,
                       __attribute__((unused)) fd_set *w, __attribute__((unused)) fd_set *e, struct timeval *timeout) {
    if (have_next && next_time <= fake_now) return 1;
    if (!have_next && fake_now >= end_time) finish();
    fake_now += timeout->tv_sec;
    return 0;
}

int OS_RecvUnix(__attribute__((unused)) int socket, int sizet, char *ret) {
    if (!have_next) return 0;
    snprintf(ret, sizet, "%s", next_message);
    free(current_answer);
    current_answer = strcmp(next_answer, "-") == 0 ? NULL : strdup(next_answer);
    read_next();
    return (int)strlen(ret);
}

/* The program: what execd writes to it is kept; it answers once (its check_keys line) or not at all. */
static char *written;
static size_t written_size;
static int reads_answer;
static int list_size_before;

static wfd_t *fake_wpopenv(__attribute__((unused)) const char *path, __attribute__((unused)) char *const *argv, int flags) {
    wfd_t *wfd = calloc(1, sizeof(wfd_t));
    wfd->file_in = open_memstream(&written, &written_size);
    reads_answer = (flags & W_BIND_STDOUT) != 0;
    if (reads_answer) {
        static char answer_line[OS_MAXSTR + 2];
        if (current_answer) {
            snprintf(answer_line, sizeof answer_line, "%s\n", current_answer);
            wfd->file_out = fmemopen(answer_line, strlen(answer_line), "r");
        } else {
            wfd->file_out = fopen("/dev/null", "r");
        }
        list_size_before = timeout_list->currently_size;
    }
    return wfd;
}

static int fake_wpclose(wfd_t *wfd) {
    fclose(wfd->file_in);
    if (wfd->file_out) fclose(wfd->file_out);
    free(wfd);
    char *second = strchr(written, '\n');
    if (second) *second++ = '\0';
    if (!reads_answer) {
        /* ExecdTimeoutRun: timeout_node is the entry whose time is up. */
        timeout_data *entry = timeout_node->data;
        print_entry("delete", fake_now, entry, entry->parameters);
    } else if (second && strstr(second, "\"command\":\"abort\"")) {
        /* ExecdRun found the key listed: timeout_node is that entry, its time reset. */
        print_entry("abort", fake_now, (timeout_data *)timeout_node->data, written);
    } else if (timeout_list->currently_size > list_size_before) {
        print_entry("add", fake_now, (timeout_data *)timeout_list->last_node->data, written);
    } else {
        /* Run and kept nowhere: no answer (stateless), or a timeout of 0. */
        printf("{\"t\":%lld,\"action\":\"add\",\"alert\":", (long long)fake_now);
        print_alert_id(written);
        printf(",\"key\":null,\"timeout\":0,\"answered\":%s}\n", second && *second ? "true" : "false");
    }
    free(written);
    written = NULL;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: execd-oracle OSSEC_CONF MESSAGES END_TIME\n"); return 2; }
    int status = ExecdConfig(argv[1]);
    printf("{\"config\":{\"status\":%d,\"repeated\":[", status);
    for (int i = 0; repeated_offenders_timeout[i] != 0; i++) printf(i ? ",%d" : "%d", repeated_offenders_timeout[i]);
    printf("]}}\n");
    if (status != 0) return 0;
    if (!(messages = fopen(argv[2], "r"))) { perror(argv[2]); return 2; }
    end_time = (time_t)strtoll(argv[3], NULL, 10);
    read_next();
    fake_now = have_next ? next_time : end_time;
    ExecdStart(0);
}

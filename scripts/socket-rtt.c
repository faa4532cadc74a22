// Round trips of raw inference requests on one keep-alive connection to edgepilotd's socket, from
// a client that costs next to nothing (no HTTP library): the socket overhead per inference is
// the median round trip minus the median inference time the daemon reports
// (X-EdgePilot-Latency-Ms). Used by scripts/bench-daemon.
//   cc -O2 scripts/socket-rtt.c -o socket-rtt && ./socket-rtt SOCKET MODEL INPUT [COUNT]
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s SOCKET MODEL INPUT [COUNT]\n", argv[0]); return 2; }
    int count = argc > 4 ? atoi(argv[4]) : 5000;
    if (count < 1 || count > 10000000) { fprintf(stderr, "COUNT must be 1..10000000\n"); return 2; }
    FILE *file = fopen(argv[3], "rb");
    if (!file) { perror(argv[3]); return 1; }
    static char body[1 << 24];
    size_t size = fread(body, 1, sizeof body, file);
    fclose(file);
    static char request[(1 << 24) + 1024];
    int head = snprintf(request, 1024, "POST /v1/models/%s/infer HTTP/1.1\r\nHost: edgepilotd\r\nContent-Type: application/octet-stream\r\n"
                        "Content-Length: %zu\r\n\r\n", argv[2], size);
    memcpy(request + head, body, size);
    size_t total = head + size;

    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, argv[1], sizeof address.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { perror(argv[1]); return 1; }

    double *trips = malloc(sizeof(double) * count), *inferences = malloc(sizeof(double) * count);
    static char answer[1 << 20];
    int failed = 0;
    for (int i = 0; i < count; i++) {
        double start = now_ms();
        for (size_t sent = 0; sent < total;) {
            ssize_t n = send(fd, request + sent, total - sent, MSG_NOSIGNAL);
            if (n <= 0) { perror("send"); return 1; }
            sent += n;
        }
        size_t have = 0;
        char *end = NULL;
        long length = -1;
        for (;;) {
            ssize_t n = recv(fd, answer + have, sizeof answer - 1 - have, 0);
            if (n <= 0) { fprintf(stderr, "the daemon closed the connection after %d request(s)\n", i); return 1; }
            have += n;
            answer[have] = 0;
            if (!end && (end = strstr(answer, "\r\n\r\n"))) {
                char *field = strcasestr(answer, "\r\ncontent-length:");
                length = field ? atol(field + 17) : 0;
            }
            if (end && have >= (size_t)(end + 4 - answer) + length) break;
        }
        trips[i] = now_ms() - start;
        char *latency = strcasestr(answer, "\r\nx-edgepilot-latency-ms:");
        inferences[i] = latency ? atof(latency + 25) : 0;
        if (strncmp(answer, "HTTP/1.1 200", 12) != 0) failed++;
    }
    qsort(trips, count, sizeof(double), compare);
    qsort(inferences, count, sizeof(double), compare);
    double trip = trips[count / 2], inference = inferences[count / 2];
    printf("%d request(s), %d failed: round trip p50 %.3f ms p99 %.3f ms, inference in the daemon p50 %.3f ms, socket overhead p50 %.3f ms\n",
           count, failed, trip, trips[(int)(count * 0.99)], inference, trip - inference);
    return failed != 0;
}

/* Native libzmq reference: PUSH/PULL throughput and REQ/REP latency over tcp loopback.
 * Usage: zmq_bench throughput <count> <size> | latency <count> <size>
 * Prints one line: "throughput <msgs_per_s>" or "latency <p50_us> <p99_us>". */
#include <zmq.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct args { void *ctx; char endpoint[64]; long count; int size; };

static void *pusher(void *p) {
	struct args *a = p;
	void *s = zmq_socket(a->ctx, ZMQ_PUSH);
	zmq_connect(s, a->endpoint);
	char *buf = calloc(1, a->size);
	for (long i = 0; i < a->count; i++) zmq_send(s, buf, a->size, 0);
	free(buf);
	zmq_close(s);
	return NULL;
}

static void *replier(void *p) {
	struct args *a = p;
	void *s = zmq_socket(a->ctx, ZMQ_REP);
	zmq_connect(s, a->endpoint);
	char *buf = malloc(a->size + 1);
	for (long i = 0; i < a->count; i++) {
		int n = zmq_recv(s, buf, a->size, 0);
		zmq_send(s, buf, n, 0);
	}
	free(buf);
	zmq_close(s);
	return NULL;
}

static int cmp(const void *x, const void *y) {
	double a = *(const double *) x, b = *(const double *) y;
	return (a > b) - (a < b);
}

int main(int argc, char **argv) {
	if (argc < 4) { fprintf(stderr, "usage: %s throughput|latency count size\n", argv[0]); return 2; }
	long count = atol(argv[2]);
	int size = atoi(argv[3]);
	int linger = 0;
	void *ctx = zmq_ctx_new();
	struct args a = { ctx, "", count, size };
	size_t len = sizeof(a.endpoint);
	pthread_t t;
	char *buf = malloc(size + 1);
	if (strcmp(argv[1], "throughput") == 0) {
		void *s = zmq_socket(ctx, ZMQ_PULL);
		zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_bind(s, "tcp://127.0.0.1:*");
		zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, a.endpoint, &len);
		pthread_create(&t, NULL, pusher, &a);
		zmq_recv(s, buf, size, 0);
		double start = now_s();
		for (long i = 1; i < count; i++) zmq_recv(s, buf, size, 0);
		double took = now_s() - start;
		printf("throughput %.0f\n", (count - 1) / took);
		pthread_join(t, NULL);
		zmq_close(s);
	} else {
		void *s = zmq_socket(ctx, ZMQ_REQ);
		zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof(linger));
		zmq_bind(s, "tcp://127.0.0.1:*");
		zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, a.endpoint, &len);
		pthread_create(&t, NULL, replier, &a);
		double *lat = malloc(sizeof(double) * count);
		memset(buf, 'x', size);
		for (long i = 0; i < count; i++) {
			double t0 = now_s();
			zmq_send(s, buf, size, 0);
			zmq_recv(s, buf, size, 0);
			lat[i] = (now_s() - t0) * 1e6;
		}
		qsort(lat, count, sizeof(double), cmp);
		printf("latency %.1f %.1f\n", lat[count / 2], lat[(long) (count * 0.99)]);
		pthread_join(t, NULL);
		zmq_close(s);
		free(lat);
	}
	free(buf);
	zmq_ctx_term(ctx);
	return 0;
}

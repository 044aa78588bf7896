/* file.c: regular-file inputs, temporary-then-rename outputs, temporaries removed on a signal (file.h). */
#include "file.h"
#include "buf.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- inputs -------------------------------------------------------------------------------- */

const char *file_kind(mode_t mode)
{
	return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device"
	       : S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket"
	       : S_ISREG(mode) ? "a regular file" : "not a regular file";
}

int file_open_regular(const char *path, char *why, size_t n)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;
		/* a socket cannot be opened at all (ENXIO): name what it is */
		if (!stat(path, &st) && !S_ISREG(st.st_mode))
			snprintf(why, n, "%s, not a regular file", file_kind(st.st_mode));
		else
			snprintf(why, n, "cannot open: %s", strerror(err));
		return -1;
	}
	if (fstat(fd, &st)) {
		snprintf(why, n, "cannot read: %s", strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, n, "%s, not a regular file", file_kind(st.st_mode));
		goto fail;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK)) {
		snprintf(why, n, "cannot read: %s", strerror(errno));
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

FILE *file_fopen_regular(const char *path, char *why, size_t n)
{
	int fd = file_open_regular(path, why, n);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		snprintf(why, n, "cannot open: %s", strerror(errno));
		close(fd);
	}
	return f;
}

enum err file_read_regular(const char *path, long long max, struct buf *out, char *why, size_t n)
{
	int fd = file_open_regular(path, why, n);
	if (fd < 0)
		return ERR_IO;
	enum err e = ERR_OK;
	char chunk[65536];
	size_t got = 0;
	for (;;) {
		ssize_t k = read(fd, chunk, sizeof chunk);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			snprintf(why, n, "cannot read: %s", strerror(errno));
			e = ERR_IO;
			break;
		}
		if (k == 0)
			break;
		if ((long long)(got + (size_t)k) > max) {
			snprintf(why, n, "file larger than %lld bytes", max);
			e = ERR_LIMIT;
			break;
		}
		got += (size_t)k;
		buf_put(out, chunk, (size_t)k);
		if (out->oom) {
			e = ERR_NOMEM;
			break;
		}
	}
	close(fd);
	return e;
}

int file_same(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) || stat(b, &sb))
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* path with its folder resolved (realpath) and its last part as given; 0 or -1. */
static int file_canon(const char *path, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX], real[PATH_MAX];
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	else
		snprintf(dir, sizeof dir, ".");
	if (!realpath(dir, real))
		return -1;
	return snprintf(out, n, "%s/%s", real, base) < (int)n ? 0 : -1;
}

void file_id_get(const char *path, struct file_id *id)
{
	struct stat st;
	char c[PATH_MAX];
	memset(id, 0, sizeof *id);
	id->path = path;
	if (!stat(path, &st)) {
		id->exists = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
	} else if (!file_canon(path, c, sizeof c)) {
		id->canon = strdup(c);
	}
}

void file_id_free(struct file_id *id)
{
	if (id) {
		free(id->canon);
		id->canon = NULL;
	}
}

int file_id_same(const struct file_id *a, const struct file_id *b)
{
	if (a->exists || b->exists)
		return a->exists && b->exists && a->dev == b->dev && a->ino == b->ino;
	if (!strcmp(a->path, b->path))
		return 1;
	return a->canon && b->canon && !strcmp(a->canon, b->canon);
}

int file_same_target(const char *a, const char *b)
{
	struct file_id ia, ib;
	file_id_get(a, &ia);
	file_id_get(b, &ib);
	int same = file_id_same(&ia, &ib);
	file_id_free(&ia);
	file_id_free(&ib);
	return same;
}

/* ---- the live temporaries, for the signal handler ------------------------------------------ */

/* state: 0 free, 1 claimed (path being written, not live), 2 live. gen changes whenever a
   slot goes live, so the handler can tell that the path it copied was not rewritten under it. */
struct file_slot {
	atomic_int state;
	atomic_uint gen;
	char path[PATH_MAX];
};

static struct file_slot file_slots[FILE_MAX_LIVE_TMP];
static pthread_mutex_t file_slots_lock = PTHREAD_MUTEX_INITIALIZER;

/* Claims a slot and copies path into it (not yet live). -1 when none is free or path is too long. */
static int file_slot_claim(const char *path)
{
	size_t len = strlen(path);
	int got = -1;
	if (len >= PATH_MAX)
		return -1;
	pthread_mutex_lock(&file_slots_lock);
	for (int i = 0; i < FILE_MAX_LIVE_TMP && got < 0; i++)
		if (atomic_load(&file_slots[i].state) == 0) {
			atomic_store(&file_slots[i].state, 1);
			got = i;
		}
	pthread_mutex_unlock(&file_slots_lock);
	if (got >= 0)
		memcpy(file_slots[got].path, path, len + 1);
	return got;
}

/* The temporary exists now: the handler removes it from here on. */
static void file_slot_live(int i)
{
	if (i < 0)
		return;
	atomic_fetch_add(&file_slots[i].gen, 1);
	atomic_store(&file_slots[i].state, 2);
}

static void file_slot_release(int i)
{
	if (i >= 0)
		atomic_store(&file_slots[i].state, 0);
}

/* Async-signal-safe: atomic loads, a byte copy, unlink(2), raise(3). */
static void file_on_signal(int sig)
{
	int saved = errno;
	char copy[PATH_MAX];
	for (int i = 0; i < FILE_MAX_LIVE_TMP; i++) {
		struct file_slot *s = &file_slots[i];
		if (atomic_load(&s->state) != 2)
			continue;
		unsigned g = atomic_load(&s->gen);
		size_t k = 0;
		for (; k < sizeof copy - 1 && s->path[k]; k++)
			copy[k] = s->path[k];
		copy[k] = 0;
		if (atomic_load(&s->state) == 2 && atomic_load(&s->gen) == g)
			unlink(copy);
	}
	errno = saved;
	raise(sig); /* SA_RESETHAND: the default action, once this handler returns */
}

void file_guard_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
		struct sigaction old, sa;
		if (sigaction(sigs[i], NULL, &old) || old.sa_handler == SIG_IGN)
			continue; /* nohup and friends: stay ignored */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = file_on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++)
			sigaddset(&sa.sa_mask, sigs[k]);
		sa.sa_flags = SA_RESETHAND;
		sigaction(sigs[i], &sa, NULL);
	}
	signal(SIGXFSZ, SIG_IGN);
}

/* ---- outputs ------------------------------------------------------------------------------- */

static int file_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static enum err file_io_error(struct diag *d, const char *what, int err)
{
	diag_msg(d, DIAG_ERROR, "cannot write %s: %s", what, strerror(err));
	return ERR_IO;
}

/* Writes to a special file (device, FIFO) or standard output, in place. */
static enum err file_put_direct(const char *path, const char *what, int fd, const void *data,
				size_t len, struct diag *d)
{
	int own = fd < 0;
	if (own)
		fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return file_io_error(d, what, errno);
	int r = file_write_all(fd, data, len);
	int err = errno;
	if (own && close(fd) && !r) {
		r = -1;
		err = errno;
	}
	return r ? file_io_error(d, what, err) : ERR_OK;
}

/* Writes to a new temporary file next to target and renames it over target. mode: the
   permissions of the file replaced, or -1 for a new file. */
static enum err file_put_tmp(const char *what, const char *target, int mode, const void *data,
			     size_t len, struct diag *d)
{
	enum err e = ERR_OK;
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	int dirlen = slash ? (int)(slash - target) : 0;
	char *tmp = malloc(strlen(target) + 96);
	int fd = -1, slot = -1;
	if (!tmp) {
		diag_msg(d, DIAG_ERROR, "out of memory");
		return ERR_NOMEM;
	}
	if (!*base) {
		e = file_io_error(d, what, EISDIR);
		goto out;
	}
	/* unique name: O_EXCL decides. Mode: the replaced file's, else 0666 less the umask */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32) ^ (uint64_t)(uintptr_t)&ts;
	for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		sprintf(tmp, "%.*s%s.%.64s.%08llx.tmp", dirlen, target, slash ? "/" : "", base,
			(unsigned long long)(seed >> 32));
		file_slot_release(slot);
		slot = file_slot_claim(tmp);
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd < 0 && errno != EEXIST) {
			e = file_io_error(d, what, errno);
			goto out;
		}
	}
	if (fd < 0) {
		e = file_io_error(d, what, EEXIST);
		goto out;
	}
	file_slot_live(slot);
	int r = mode >= 0 && fchmod(fd, (mode_t)mode) ? -1 : file_write_all(fd, data, len);
	int err = errno;
	if (close(fd) && !r) {
		r = -1;
		err = errno;
	}
	fd = -1;
	if (r || rename(tmp, target)) {
		err = r ? err : errno;
		unlink(tmp);
		e = file_io_error(d, what, err);
	}
out:
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	file_slot_release(slot);
	free(tmp);
	return e;
}

enum err file_put(const char *path, const char *what, const void *data, size_t len,
		  struct diag *d)
{
	if (!what)
		what = path;
	if (!strcmp(path, "-")) {
		if (fflush(stdout))
			return file_io_error(d, "standard output", errno);
		return file_put_direct(path, "standard output", 1, data, len, d);
	}
	struct stat st;
	if (stat(path, &st) != 0)
		return file_put_tmp(what, path, -1, data, len, d);
	if (S_ISDIR(st.st_mode))
		return file_io_error(d, what, EISDIR);
	if (!S_ISREG(st.st_mode))
		return file_put_direct(path, what, -1, data, len, d);
	int mode = (int)(st.st_mode & 07777);
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		char *real = realpath(path, NULL);
		if (!real)
			return file_io_error(d, what, errno);
		enum err e = file_put_tmp(what, real, mode, data, len, d);
		free(real);
		return e;
	}
	return file_put_tmp(what, path, mode, data, len, d);
}

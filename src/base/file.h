/* file.h: the files a run reads and writes: inputs opened only when they are regular files
   (never blocking on a FIFO), every output written whole to a temporary file that is then
   renamed over the target, and those temporaries removed when SIGINT, SIGTERM or SIGHUP ends
   the run.

   Signals: file_guard_signals installs one handler. It is the only file-level mutable state of
   paiban, and has to be: a signal handler reaches nothing else. A fixed table of
   FILE_MAX_LIVE_TMP slots holds the paths of the temporary files being written (any thread:
   `print -d -j N` writes N at once); a slot is claimed under a mutex, its path written while it
   is not live, then published with an atomic store; the handler only reads (atomic loads, a
   copy checked against the slot's generation) and calls unlink(2), then the default action is
   taken again (SA_RESETHAND + raise), so the exit status still says which signal ended the run.
   A temporary whose path does not fit a slot (or when every slot is taken) is written all the
   same, unguarded. */
#ifndef PAIBAN_FILE_H
#define PAIBAN_FILE_H
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include "diag.h"

#define FILE_MAX_LIVE_TMP 80   /* temporaries guarded at once (JOB_MAX_THREADS + the dump) */

/* Opens path for reading. The open is non-blocking (a FIFO with no writer does not hang), then
   fstat refuses anything but a regular file; the descriptor goes back to blocking mode. Returns
   the descriptor, or -1 with why (n bytes) set to "cannot open: <errno text>" or "a FIFO, not a
   regular file" and the like. */
int file_open_regular(const char *path, char *why, size_t n);
/* The same as a stdio stream ("rb"); NULL with why set. */
FILE *file_fopen_regular(const char *path, char *why, size_t n);
struct buf;
/* Appends the whole of the regular file at path (file_open_regular) to out, at most max bytes:
   ERR_IO or ERR_LIMIT with why (n bytes) set ("cannot read: …", "file larger than N bytes"),
   ERR_NOMEM. */
enum err file_read_regular(const char *path, long long max, struct buf *out, char *why, size_t n);

/* "a directory", "a FIFO", "a character device", "a block device", "a socket", "a regular file". */
const char *file_kind(mode_t mode);

/* 1 when paths a and b name the same existing file (device and inode, through symbolic links). */
int file_same(const char *a, const char *b);

/* 1 when paths a and b will name the same file: the same existing file, or, when neither
   exists yet, the same name in the same folder (symbolic links in the folders resolved). */
int file_same_target(const char *a, const char *b);

/* What file_same_target compares, worked out once per path for comparing many paths with
   each other (print -d of thousands of articles): device and inode when the file exists, else
   the path with its folder resolved (canon, malloc'd; NULL when the folder does not resolve:
   path itself is compared). path is borrowed. */
struct file_id {
	const char *path;
	int exists;
	dev_t dev;
	ino_t ino;
	char *canon;
};
void file_id_get(const char *path, struct file_id *id);
void file_id_free(struct file_id *id);
int file_id_same(const struct file_id *a, const struct file_id *b);

/* Puts len bytes at path: "-" is standard output, a device or FIFO that exists is written in
   place, a regular file (or a new one) is written to a temporary file in the same folder
   (.NAME.XXXXXXXX.tmp, the replaced file's permissions) that is renamed over it, through a
   symbolic link (the link is kept). On any error nothing is left at path, the old file is
   untouched, no temporary remains, and "cannot write PATH: reason" goes to d (ERR_IO). what:
   how the message names the target, NULL for path itself. */
enum err file_put(const char *path, const char *what, const void *data, size_t len,
		  struct diag *d);

/* Installs the handler for SIGINT, SIGTERM and SIGHUP (a signal ignored at start stays
   ignored) and ignores SIGXFSZ, so that a write past the file-size limit fails with EFBIG
   (ERR_IO, message) instead of killing the run. Call once, early, from the main thread. */
void file_guard_signals(void);

#endif

/* arena.h: bump allocator that owns every node of a document model. */
#ifndef PAIBAN_ARENA_H
#define PAIBAN_ARENA_H
#include <stddef.h>

struct arena;

/* Returns a new arena (caller frees with arena_free), NULL when out of memory. */
struct arena *arena_new(void);
/* Frees the arena and every allocation made from it. Accepts NULL. */
void arena_free(struct arena *a);
/* Returns n zeroed bytes aligned for any type, owned by the arena; NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies s[0..n) into the arena and NUL-terminates it. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Grows an arena array: returns a copy of old (n elements of size sz) with room for cap elements. */
void *arena_grow(struct arena *a, void *old, size_t n, size_t cap, size_t sz);
/* Total bytes handed out (for limits and benchmarks). */
size_t arena_used(const struct arena *a);

#endif

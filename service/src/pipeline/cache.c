/* The customer cache: one per process, shared by the workers, bounded (direct-mapped slots),
 * invalidated by NOTIFY when a customer changes (the refresher thread calls
 * customer_cache_invalidate) and aged by a TTL as a safety net. Misses of a batch are fetched in
 * one statement. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline/pipeline_internal.h"

int customer_cache_init(struct customer_cache *cache, size_t n_slots, int64_t ttl_ms)
{
    memset(cache, 0, sizeof(*cache));
    cache->n_slots = n_slots ? n_slots : 1;
    cache->ttl_ms = ttl_ms;
    cache->slots = calloc(cache->n_slots, sizeof(*cache->slots));
    if (!cache->slots)
        return TR_ENOMEM;
    for (size_t i = 0; i < CUSTOMER_CACHE_LOCKS; i++)
        pthread_mutex_init(&cache->locks[i], NULL);
    cache->ready = true;
    return 0;
}

void customer_cache_destroy(struct customer_cache *cache)
{
    if (!cache->ready)
        return;
    for (size_t i = 0; i < CUSTOMER_CACHE_LOCKS; i++)
        pthread_mutex_destroy(&cache->locks[i]);
    free(cache->slots);
    memset(cache, 0, sizeof(*cache));
}

static size_t slot_of(const struct customer_cache *cache, const char *customer_id)
{
    return (size_t)(tr_fnv1a(customer_id, TR_FNV1A_SEED) % cache->n_slots);
}

static pthread_mutex_t *lock_of(struct customer_cache *cache, size_t slot)
{
    return &cache->locks[slot % CUSTOMER_CACHE_LOCKS];
}

/* 1 cached and known (out filled), 0 cached as unknown, -1 not cached. */
static int lookup(struct customer_cache *cache, const char *customer_id, int64_t now_ms,
                  struct customer *out)
{
    size_t i = slot_of(cache, customer_id);
    int rc = -1;
    pthread_mutex_lock(lock_of(cache, i));
    const struct customer_slot *slot = &cache->slots[i];
    if (slot->used && now_ms - slot->fetched_at_ms < cache->ttl_ms &&
        strcmp(slot->customer.customer_id, customer_id) == 0) {
        rc = slot->found ? 1 : 0;
        if (slot->found)
            *out = slot->customer;
    }
    pthread_mutex_unlock(lock_of(cache, i));
    return rc;
}

/* Keep what was fetched, unless an invalidation came since gen was read (it may be older). */
static void put(struct customer_cache *cache, const char *customer_id, const struct customer *c,
                int64_t now_ms, uint64_t gen)
{
    size_t i = slot_of(cache, customer_id);
    pthread_mutex_lock(lock_of(cache, i));
    if (atomic_load(&cache->gen) == gen) {
        struct customer_slot *slot = &cache->slots[i];
        slot->used = true;
        slot->found = c != NULL;
        slot->fetched_at_ms = now_ms;
        if (c) {
            slot->customer = *c;
        } else {
            memset(&slot->customer, 0, sizeof(slot->customer));
            tr_strlcpy(slot->customer.customer_id, customer_id, sizeof(slot->customer.customer_id));
        }
    }
    pthread_mutex_unlock(lock_of(cache, i));
}

void customer_cache_invalidate(struct customer_cache *cache, const char *customer_id)
{
    if (!cache->ready)
        return;
    atomic_fetch_add(&cache->gen, 1);
    bool all = strcmp(customer_id, "*") == 0;
    for (size_t i = all ? 0 : slot_of(cache, customer_id); i < cache->n_slots; i++) {
        pthread_mutex_lock(lock_of(cache, i));
        if (all || strcmp(cache->slots[i].customer.customer_id, customer_id) == 0)
            cache->slots[i].used = false;
        pthread_mutex_unlock(lock_of(cache, i));
        if (!all)
            break;
    }
}

int customer_cache_find(struct customer_cache *cache, const char *const *ids, size_t n,
                        int64_t now_ms, struct customer *out, bool *known,
                        struct customer_misses *m)
{
    *m = (struct customer_misses){.gen = atomic_load(&cache->gen), .now_ms = now_ms};
    m->ids = malloc((n + 1) * sizeof(*m->ids));
    m->where = malloc((n + 1) * sizeof(*m->where));
    m->fetched = malloc((n + 1) * sizeof(*m->fetched));
    m->found = calloc(n + 1, sizeof(*m->found));
    if (!m->ids || !m->where || !m->fetched || !m->found)
        return TR_ENOMEM;
    m->n_tickets = n;
    for (size_t i = 0; i < n; i++) {
        int hit = lookup(cache, ids[i], now_ms, &out[i]);
        known[i] = hit == 1;
        m->where[i] = SIZE_MAX;
        if (hit >= 0)
            continue;
        /* A customer asked twice in the batch is fetched once. */
        size_t j = 0;
        while (j < m->n && strcmp(m->ids[j], ids[i]) != 0)
            j++;
        if (j == m->n)
            m->ids[m->n++] = ids[i];
        m->where[i] = j;
    }
    atomic_fetch_add_explicit(&cache->hits, n - m->n, memory_order_relaxed);
    atomic_fetch_add_explicit(&cache->misses, m->n, memory_order_relaxed);
    return 0;
}

void customer_cache_fill(struct customer_cache *cache, const struct customer_misses *m,
                         struct customer *out, bool *known)
{
    for (size_t j = 0; j < m->n; j++)
        put(cache, m->ids[j], m->found[j] ? &m->fetched[j] : NULL, m->now_ms, m->gen);
    for (size_t i = 0; m->n && i < m->n_tickets; i++) {
        size_t j = m->where[i];
        if (j != SIZE_MAX && m->found[j]) {
            out[i] = m->fetched[j];
            known[i] = true;
        }
    }
}

void customer_misses_free(struct customer_misses *m)
{
    free(m->ids);
    free(m->where);
    free(m->fetched);
    free(m->found);
    memset(m, 0, sizeof(*m));
}

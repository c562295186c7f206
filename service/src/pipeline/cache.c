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

int customer_cache_get_many(struct customer_cache *cache, store_conn *pg, const char *const *ids,
                            size_t n, int64_t now_ms, struct customer *out, bool *known)
{
    uint64_t gen = atomic_load(&cache->gen);
    const char **missed = malloc((n + 1) * sizeof(*missed));
    size_t *where = malloc((n + 1) * sizeof(*where));
    struct customer *fetched = malloc((n + 1) * sizeof(*fetched));
    bool *found = malloc((n + 1) * sizeof(*found));
    int rc = missed && where && fetched && found ? 0 : TR_ENOMEM;
    size_t n_missed = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        int hit = lookup(cache, ids[i], now_ms, &out[i]);
        known[i] = hit == 1;
        where[i] = SIZE_MAX;
        if (hit >= 0)
            continue;
        /* A customer asked twice in the batch is fetched once. */
        size_t j = 0;
        while (j < n_missed && strcmp(missed[j], ids[i]) != 0)
            j++;
        if (j == n_missed)
            missed[n_missed++] = ids[i];
        where[i] = j;
        known[i] = false;
    }
    atomic_fetch_add_explicit(&cache->hits, n - n_missed, memory_order_relaxed);
    atomic_fetch_add_explicit(&cache->misses, n_missed, memory_order_relaxed);
    if (rc == 0 && n_missed)
        rc = store_customers_get(pg, missed, n_missed, fetched, found);
    for (size_t j = 0; rc == 0 && j < n_missed; j++)
        put(cache, missed[j], found[j] ? &fetched[j] : NULL, now_ms, gen);
    /* Second pass: the tickets whose customer was fetched now. */
    for (size_t i = 0; rc == 0 && n_missed && i < n; i++) {
        size_t j = where[i];
        if (j != SIZE_MAX && found[j]) {
            out[i] = fetched[j];
            known[i] = true;
        }
    }
    free(missed);
    free(where);
    free(fetched);
    free(found);
    return rc;
}

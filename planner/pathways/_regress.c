/*
 * The backward route search in C: the same rules, bounds and tie-breaking as
 * planner/pathways/bounds.py and planner/pathways/regress.py, so that both
 * return the same routes (tests/pathways/test_accel.py checks this). Python
 * stays the reference; read it first. This file only has to be fast.
 *
 * It is loaded with ctypes (planner/pathways/accel.py). The module init at the
 * bottom exists only so that setuptools can build and place the library.
 *
 * Skill sets, action sets and "what a route does" are masks of up to 256 bits.
 */
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define W 4
#define MAXBITS (64 * W)
#define UNREACHABLE 1000000000

typedef struct { uint64_t w[W]; } mask_t;

static inline mask_t m_or(mask_t a, mask_t b) { for (int i = 0; i < W; i++) a.w[i] |= b.w[i]; return a; }
static inline mask_t m_and(mask_t a, mask_t b) { for (int i = 0; i < W; i++) a.w[i] &= b.w[i]; return a; }
static inline mask_t m_andnot(mask_t a, mask_t b) { for (int i = 0; i < W; i++) a.w[i] &= ~b.w[i]; return a; }
static inline int m_zero(mask_t a) { uint64_t x = 0; for (int i = 0; i < W; i++) x |= a.w[i]; return x == 0; }
static inline int m_any(mask_t a, mask_t b) { for (int i = 0; i < W; i++) if (a.w[i] & b.w[i]) return 1; return 0; }
/* a is a subset of b */
static inline int m_sub(mask_t a, mask_t b) { for (int i = 0; i < W; i++) if (a.w[i] & ~b.w[i]) return 0; return 1; }
static inline int m_eq(mask_t a, mask_t b) { for (int i = 0; i < W; i++) if (a.w[i] != b.w[i]) return 0; return 1; }
static inline int m_has(mask_t a, int b) { return (a.w[b >> 6] >> (b & 63)) & 1; }
static inline void m_set(mask_t *a, int b) { a->w[b >> 6] |= (uint64_t)1 << (b & 63); }
static inline void m_clear(mask_t *a, int b) { a->w[b >> 6] &= ~((uint64_t)1 << (b & 63)); }
static inline int m_count(mask_t a) { int n = 0; for (int i = 0; i < W; i++) n += __builtin_popcountll(a.w[i]); return n; }
static mask_t m_full(int n) {
    mask_t a; memset(&a, 0, sizeof a);
    for (int b = 0; b < n; b++) m_set(&a, b);
    return a;
}
/* iterate set bits: for (int b = m_next(m, -1); b >= 0; b = m_next(m, b)) */
static inline int m_next(mask_t a, int after) {
    int b = after + 1;
    if (b >= MAXBITS) return -1;
    int i = b >> 6;
    uint64_t x = a.w[i] & (~(uint64_t)0 << (b & 63));
    while (!x) {
        if (++i >= W) return -1;
        x = a.w[i];
    }
    return (i << 6) + __builtin_ctzll(x);
}
#define FOR_BITS(b, m) for (int b = m_next((m), -1); b >= 0; b = m_next((m), b))

/* ---- the catalogue, in compressed rows ------------------------------------------ */

typedef struct { int *off; int *val; } rows_t;   /* row i is val[off[i] .. off[i+1]) */

typedef struct {
    int nskills, nactions, nkinds, nclasses, nroles, move, none_kind, none_class, neq;
    mask_t *masks;
    /* actions */
    int *a_req, *a_grants, *a_weeks, *a_exp, *a_injob, *a_noneok;
    rows_t a_classes;
    /* kinds */
    int *k_class, *k_rank, *k_place, *k_req;
    rows_t k_roles;
    /* classes */
    int *c_rank, *c_gives;
    rows_t c_actions, c_kinds;
    /* per skill */
    rows_t s_groups, s_grantors, s_needed_by, s_kinds_needing, s_classes_giving;
    rows_t s_in_groups;   /* equivalences whose group holds the skill */
    /* equivalences: (group mask id, skill) */
    int *eq_group, *eq_skill;
    /* roles */
    int *r_kind, *r_rank;
} cat_t;

typedef struct { const int *p; const int *end; int bad; } reader_t;

static int next_int(reader_t *r) {
    if (r->p >= r->end) { r->bad = 1; return 0; }
    return *r->p++;
}

static int *ints(int n) { return (int *)calloc(n > 0 ? n : 1, sizeof(int)); }

/* Read n rows, each "count, values...", into compressed rows. */
static void read_rows(reader_t *r, int n, rows_t *rows) {
    const int *save = r->p;
    int total = 0;
    for (int i = 0; i < n && !r->bad; i++) {
        int c = next_int(r);
        total += c;
        for (int j = 0; j < c; j++) next_int(r);
    }
    r->p = save;
    rows->off = ints(n + 1);
    rows->val = ints(total);
    int at = 0;
    for (int i = 0; i < n && !r->bad; i++) {
        rows->off[i] = at;
        int c = next_int(r);
        for (int j = 0; j < c; j++) rows->val[at++] = next_int(r);
    }
    rows->off[n] = at;
}

void cat_free(cat_t *c);

/* Build the catalogue from the layout accel.py writes (see _layout there). */
cat_t *cat_new(const int *data, int ndata, const uint64_t *mask_words, int nmasks) {
    cat_t *c = (cat_t *)calloc(1, sizeof(cat_t));
    if (!c) return NULL;
    reader_t r = {data, data + ndata, 0};
    c->nskills = next_int(&r); c->nactions = next_int(&r); c->nkinds = next_int(&r);
    c->nclasses = next_int(&r); c->nroles = next_int(&r); c->move = next_int(&r);
    c->none_kind = next_int(&r); c->none_class = next_int(&r); c->neq = next_int(&r);
    c->masks = (mask_t *)calloc(nmasks > 0 ? nmasks : 1, sizeof(mask_t));
    for (int i = 0; i < nmasks; i++)
        for (int j = 0; j < W; j++) c->masks[i].w[j] = mask_words[i * W + j];
    int n = c->nactions;
    c->a_req = ints(n); c->a_grants = ints(n); c->a_weeks = ints(n);
    c->a_exp = ints(n); c->a_injob = ints(n); c->a_noneok = ints(n);
    for (int a = 0; a < n; a++) {
        c->a_req[a] = next_int(&r); c->a_grants[a] = next_int(&r); c->a_weeks[a] = next_int(&r);
        c->a_exp[a] = next_int(&r); c->a_injob[a] = next_int(&r); c->a_noneok[a] = next_int(&r);
    }
    read_rows(&r, n, &c->a_classes);
    n = c->nkinds;
    c->k_class = ints(n); c->k_rank = ints(n); c->k_place = ints(n); c->k_req = ints(n);
    for (int k = 0; k < n; k++) {
        c->k_class[k] = next_int(&r); c->k_rank[k] = next_int(&r);
        c->k_place[k] = next_int(&r); c->k_req[k] = next_int(&r);
    }
    read_rows(&r, n, &c->k_roles);
    n = c->nclasses;
    c->c_rank = ints(n); c->c_gives = ints(n);
    for (int k = 0; k < n; k++) { c->c_rank[k] = next_int(&r); c->c_gives[k] = next_int(&r); }
    read_rows(&r, n, &c->c_actions);
    read_rows(&r, n, &c->c_kinds);
    n = c->nskills;
    read_rows(&r, n, &c->s_groups);
    read_rows(&r, n, &c->s_grantors);
    read_rows(&r, n, &c->s_needed_by);
    read_rows(&r, n, &c->s_kinds_needing);
    read_rows(&r, n, &c->s_in_groups);
    read_rows(&r, n, &c->s_classes_giving);
    c->eq_group = ints(c->neq); c->eq_skill = ints(c->neq);
    for (int i = 0; i < c->neq; i++) { c->eq_group[i] = next_int(&r); c->eq_skill[i] = next_int(&r); }
    c->r_kind = ints(c->nroles); c->r_rank = ints(c->nroles);
    for (int i = 0; i < c->nroles; i++) { c->r_kind[i] = next_int(&r); c->r_rank[i] = next_int(&r); }
    if (r.bad || r.p != r.end || c->nskills > MAXBITS || c->nactions > MAXBITS) {
        cat_free(c);
        return NULL;
    }
    return c;
}

static void free_rows(rows_t *r) { free(r->off); free(r->val); }

void cat_free(cat_t *c) {
    if (!c) return;
    free(c->masks);
    free(c->a_req); free(c->a_grants); free(c->a_weeks); free(c->a_exp); free(c->a_injob);
    free(c->a_noneok); free_rows(&c->a_classes);
    free(c->k_class); free(c->k_rank); free(c->k_place); free(c->k_req); free_rows(&c->k_roles);
    free(c->c_rank); free(c->c_gives); free_rows(&c->c_actions); free_rows(&c->c_kinds);
    free_rows(&c->s_groups); free_rows(&c->s_grantors); free_rows(&c->s_needed_by);
    free_rows(&c->s_kinds_needing); free_rows(&c->s_in_groups); free_rows(&c->s_classes_giving);
    free(c->eq_group); free(c->eq_skill); free(c->r_kind); free(c->r_rank);
    free(c);
}

#define ROW(rows, i, j) for (int j = (rows).off[i]; j < (rows).off[(i) + 1]; j++)
#define M(c, id) ((c)->masks[id])

static mask_t close_mask(const cat_t *c, mask_t m) {
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int i = 0; i < c->neq; i++) {
            mask_t g = M(c, c->eq_group[i]);
            if (m_sub(g, m) && !m_has(m, c->eq_skill[i])) { m_set(&m, c->eq_skill[i]); changed = 1; }
        }
    }
    return m;
}

/* ---- one question ---------------------------------------------------------------- */

typedef struct {
    const cat_t *c;
    mask_t start, usable;
    int start_role, target, start_kind, start_class, floor, from_nowhere;
    /* bounds */
    char *rel_action, *rel_class, *kind_on;   /* relevant actions/classes, kinds considered */
    int *fact_time, *kind_time, *class_time;
    mask_t *marks;                             /* landmarks per skill (actions) */
    char *has_marks;
    int *weight_weeks, *weight_kind;
    int target_time;
    int failed;                                /* an allocation failed */
} query_t;

static int weigh(const query_t *q, mask_t u) {
    int total = 0, longest = 0;
    FOR_BITS(a, u) {
        if (q->weight_kind[a]) { if (q->weight_weeks[a] > longest) longest = q->weight_weeks[a]; }
        else total += q->weight_weeks[a];
    }
    return total + longest;
}

static mask_t marks_of(const query_t *q, mask_t need) {
    mask_t out; memset(&out, 0, sizeof out);
    FOR_BITS(b, need) if (q->has_marks[b]) out = m_or(out, q->marks[b]);
    return out;
}

static void relevant(query_t *q) {
    const cat_t *c = q->c;
    /* the target's needs */
    mask_t seen = m_andnot(M(c, c->k_req[c->r_kind[q->target]]), q->start);
    int home = q->start_class;
    q->rel_class[home] = 1;
    ROW(c->c_kinds, home, j) seen = m_or(seen, m_andnot(M(c, c->k_req[c->c_kinds.val[j]]), q->start));
    int *todo = ints(MAXBITS), ntodo = 0;
    if (!todo) { q->failed = 1; return; }
    FOR_BITS(b, seen) todo[ntodo++] = b;
    while (ntodo) {
        int b = todo[--ntodo];
        mask_t add; memset(&add, 0, sizeof add);
        ROW(c->s_groups, b, j) add = m_or(add, M(c, c->s_groups.val[j]));
        ROW(c->s_grantors, b, j) {
            int a = c->s_grantors.val[j];
            if (q->rel_action[a] || !m_has(q->usable, a)) continue;
            q->rel_action[a] = 1;
            add = m_or(add, M(c, c->a_req[a]));
            ROW(c->a_classes, a, i) {
                int k = c->a_classes.val[i];
                if (q->rel_class[k] || (k == c->none_class && !q->from_nowhere)) continue;
                if (k != c->none_class && c->c_rank[k] < q->floor) continue;
                q->rel_class[k] = 1;
                ROW(c->c_kinds, k, m) add = m_or(add, M(c, c->k_req[c->c_kinds.val[m]]));
            }
        }
        add = m_andnot(m_andnot(add, q->start), seen);
        seen = m_or(seen, add);
        FOR_BITS(x, add) todo[ntodo++] = x;
    }
    free(todo);
    for (int k = 0; k < c->nclasses; k++)
        if (q->rel_class[k]) ROW(c->c_kinds, k, j) q->kind_on[c->c_kinds.val[j]] = 1;
}

/* Skills reachable at all, in the order they become reachable; and the kinds open. */
static int reachable(query_t *q, int *order, char *open_kind) {
    const cat_t *c = q->c;
    mask_t held = q->start;
    char *open_class = (char *)calloc(c->nclasses, 1);
    char *waiting = (char *)calloc(c->nactions > 0 ? c->nactions : 1, 1);
    if (!open_class || !waiting) { free(open_class); free(waiting); q->failed = 1; return 0; }
    for (int a = 0; a < c->nactions; a++) waiting[a] = q->rel_action[a];
    open_kind[q->start_kind] = 1;
    open_class[q->start_class] = 1;
    int n = 0, changed = 1;
    while (changed) {
        changed = 0;
        for (int k = 0; k < c->nkinds; k++) {
            if (!q->kind_on[k] || k == q->start_kind || open_kind[k]) continue;
            if (m_sub(M(c, c->k_req[k]), held)) { open_kind[k] = 1; open_class[c->k_class[k]] = 1; changed = 1; }
        }
        for (int a = 0; a < c->nactions; a++) {
            if (!waiting[a]) continue;
            if (!m_sub(M(c, c->a_req[a]), held)) continue;
            if (c->a_injob[a]) {
                int ok = 0;
                ROW(c->a_classes, a, j) if (open_class[c->a_classes.val[j]]) { ok = 1; break; }
                if (!ok) continue;
            }
            waiting[a] = 0;
            mask_t fresh = m_andnot(M(c, c->a_grants[a]), held);
            FOR_BITS(b, fresh) order[n++] = b;
            held = m_or(held, M(c, c->a_grants[a]));
            changed = 1;
        }
        mask_t closed = close_mask(c, held);
        mask_t fresh = m_andnot(closed, held);
        FOR_BITS(b, fresh) order[n++] = b;
        held = closed;
    }
    free(open_class);
    free(waiting);
    return n;
}

static void landmarks(query_t *q) {
    const cat_t *c = q->c;
    int *order = ints(MAXBITS);
    char *open_kind = (char *)calloc(c->nkinds, 1);
    mask_t *kind_marks = (mask_t *)calloc(c->nkinds, sizeof(mask_t));
    if (!order || !open_kind || !kind_marks) {
        free(order); free(open_kind); free(kind_marks); q->failed = 1; return;
    }
    int n = reachable(q, order, open_kind);
    mask_t held = q->start;
    for (int i = 0; i < n; i++) m_set(&held, order[i]);
    mask_t full = m_full(c->nactions);
    for (int i = 0; i < n; i++) { q->marks[order[i]] = full; q->has_marks[order[i]] = 1; }
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int k = 0; k < c->nkinds; k++) {
            if (!open_kind[k]) continue;
            kind_marks[k] = k == q->start_kind
                ? (mask_t){{0}}
                : marks_of(q, m_andnot(M(c, c->k_req[k]), q->start));
        }
        for (int i = 0; i < n; i++) {
            int b = order[i];
            mask_t shared = full;
            ROW(c->s_grantors, b, j) {
                int a = c->s_grantors.val[j];
                if (!q->rel_action[a] || !m_sub(M(c, c->a_req[a]), held)) continue;
                mask_t m = marks_of(q, m_andnot(M(c, c->a_req[a]), q->start));
                m_set(&m, a);
                if (c->a_injob[a]) {
                    mask_t place = full;
                    ROW(c->a_classes, a, x) {
                        int cl = c->a_classes.val[x];
                        ROW(c->c_kinds, cl, y) {
                            int k = c->c_kinds.val[y];
                            if (open_kind[k]) place = m_and(place, kind_marks[k]);
                        }
                    }
                    m = m_or(m, place);
                }
                shared = m_and(shared, m);
            }
            ROW(c->s_groups, b, j) {
                mask_t g = M(c, c->s_groups.val[j]);
                if (!m_sub(g, held)) continue;
                shared = m_and(shared, marks_of(q, m_andnot(g, q->start)));
            }
            if (!m_eq(shared, q->marks[b])) { q->marks[b] = shared; changed = 1; }
        }
    }
    free(kind_marks);
    free(open_kind);
    free(order);
}

/* A binary heap of (time, what, x) events, smallest first. */
typedef struct { int t, what, x; } event_t;
typedef struct { event_t *e; int n, cap; } eheap_t;

static int ev_less(event_t a, event_t b) {
    if (a.t != b.t) return a.t < b.t;
    if (a.what != b.what) return a.what < b.what;
    return a.x < b.x;
}
static int ev_push(eheap_t *h, int t, int what, int x) {
    if (h->n == h->cap) {
        int cap = h->cap ? 2 * h->cap : 64;
        event_t *e = (event_t *)realloc(h->e, (size_t)cap * sizeof(event_t));
        if (!e) return -1;
        h->e = e; h->cap = cap;
    }
    event_t v = {t, what, x};
    int i = h->n++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!ev_less(v, h->e[p])) break;
        h->e[i] = h->e[p];
        i = p;
    }
    h->e[i] = v;
    return 0;
}
static event_t ev_pop(eheap_t *h) {
    event_t top = h->e[0], last = h->e[--h->n];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        event_t best = last;
        if (l < h->n && ev_less(h->e[l], best)) { m = l; best = h->e[l]; }
        if (r < h->n && ev_less(h->e[r], best)) { m = r; }
        if (m == i) break;
        h->e[i] = h->e[m];
        i = m;
    }
    if (h->n) h->e[i] = last;
    return top;
}

typedef struct {
    query_t *q;
    eheap_t heap;
    int failed;
    int *waiting, *ready_at, *floor_of, *kind_waiting, *kind_floor;
    char *kind_seen, *in_waiting, *kind_tracked;
    int *group_left;    /* per equivalence: members not yet held; -1 unset */
} earliest_t;

static void count_off(earliest_t *e, int a, int t) {
    const cat_t *c = e->q->c;
    if (t > e->ready_at[a]) e->ready_at[a] = t;
    if (--e->waiting[a] == 0 && ev_push(&e->heap, e->ready_at[a] + c->a_weeks[a], 0, a))
        e->failed = 1;
}

static void hold(earliest_t *e, int b, int t) {
    query_t *q = e->q;
    const cat_t *c = q->c;
    q->fact_time[b] = t;
    ROW(c->s_needed_by, b, j) {
        int a = c->s_needed_by.val[j];
        if (e->in_waiting[a]) count_off(e, a, t);
    }
    ROW(c->s_kinds_needing, b, j) {
        int k = c->s_kinds_needing.val[j];
        if (e->kind_tracked[k] && --e->kind_waiting[k] == 0) {
            int at = t + c->move;
            if (e->kind_floor[k] > at) at = e->kind_floor[k];
            if (ev_push(&e->heap, at, 1, k)) e->failed = 1;
        }
    }
    ROW(c->s_in_groups, b, j) {
        int eq = c->s_in_groups.val[j];
        int skill = c->eq_skill[eq];
        mask_t group = M(c, c->eq_group[eq]);
        int left = e->group_left[eq];
        if (left < 0) left = m_count(m_andnot(group, q->start));
        e->group_left[eq] = left - 1;
        if (left == 1) {
            int at = t;
            if (e->floor_of[skill] > at) at = e->floor_of[skill];
            if (ev_push(&e->heap, at, 2, skill)) e->failed = 1;
        }
    }
}

static void earliest(query_t *q) {
    const cat_t *c = q->c;
    earliest_t e;
    memset(&e, 0, sizeof e);
    e.q = q;
    e.waiting = ints(c->nactions); e.ready_at = ints(c->nactions);
    e.in_waiting = (char *)calloc(c->nactions, 1);
    e.floor_of = ints(c->nskills);
    e.kind_waiting = ints(c->nkinds); e.kind_floor = ints(c->nkinds);
    e.kind_seen = (char *)calloc(c->nactions, 1);
    e.kind_tracked = (char *)calloc(c->nkinds, 1);
    e.group_left = ints(c->neq);
    if (!e.waiting || !e.ready_at || !e.in_waiting || !e.floor_of || !e.kind_waiting ||
        !e.kind_floor || !e.kind_seen || !e.kind_tracked || !e.group_left) {
        q->failed = 1;
        goto done;
    }
    for (int i = 0; i < c->neq; i++) e.group_left[i] = -1;
    for (int b = 0; b < c->nskills; b++) {
        q->fact_time[b] = m_has(q->start, b) ? 0 : UNREACHABLE;
        e.floor_of[b] = q->has_marks[b] ? weigh(q, q->marks[b]) : 0;
    }
    for (int k = 0; k < c->nkinds; k++) q->kind_time[k] = UNREACHABLE;
    for (int a = 0; a < c->nactions; a++) {
        if (!q->rel_action[a]) continue;
        e.in_waiting[a] = 1;
        e.waiting[a] = m_count(m_andnot(M(c, c->a_req[a]), q->start)) + (c->a_injob[a] ? 1 : 0);
        if (e.waiting[a] == 0 && ev_push(&e.heap, c->a_weeks[a], 0, a)) e.failed = 1;
    }
    for (int k = 0; k < c->nkinds; k++) {
        if (!q->kind_on[k]) continue;
        e.kind_tracked[k] = 1;
        mask_t need = m_andnot(M(c, c->k_req[k]), q->start);
        e.kind_waiting[k] = m_count(need);
        e.kind_floor[k] = weigh(q, marks_of(q, need)) + c->move;
        if (e.kind_waiting[k] == 0 && ev_push(&e.heap, c->move, 1, k)) e.failed = 1;
    }
    if (ev_push(&e.heap, 0, 1, q->start_kind)) e.failed = 1;
    while (e.heap.n && !e.failed) {
        event_t v = ev_pop(&e.heap);
        int t = v.t, x = v.x;
        if (v.what == 1) {
            if (q->kind_time[x] < UNREACHABLE) continue;
            q->kind_time[x] = t;
            int cl = c->k_class[x];
            ROW(c->c_actions, cl, j) {
                int a = c->c_actions.val[j];
                if (e.in_waiting[a] && !e.kind_seen[a] && c->a_injob[a]) {
                    e.kind_seen[a] = 1;
                    count_off(&e, a, t);
                }
            }
        } else if (v.what == 0) {
            mask_t grants = M(c, c->a_grants[x]);
            FOR_BITS(b, grants) {
                if (q->fact_time[b] <= t) continue;
                if (e.floor_of[b] > t) {
                    if (ev_push(&e.heap, e.floor_of[b], 2, b)) e.failed = 1;
                } else {
                    hold(&e, b, t);
                }
            }
        } else if (q->fact_time[x] > t) {
            hold(&e, x, t);
        }
    }
    if (e.failed) q->failed = 1;
done:
    free(e.heap.e); free(e.waiting); free(e.ready_at); free(e.in_waiting); free(e.floor_of);
    free(e.kind_waiting); free(e.kind_floor); free(e.kind_seen); free(e.kind_tracked);
    free(e.group_left);
}

static void find_bounds(query_t *q) {
    const cat_t *c = q->c;
    relevant(q);
    if (q->failed) return;
    for (int a = 0; a < c->nactions; a++) {
        if (!c->a_exp[a]) { q->weight_weeks[a] = c->a_weeks[a]; q->weight_kind[a] = 0; }
        else if (q->from_nowhere && c->a_noneok[a]) { q->weight_weeks[a] = c->a_weeks[a]; q->weight_kind[a] = 1; }
        else { q->weight_weeks[a] = 0; q->weight_kind[a] = 0; }
    }
    landmarks(q);
    if (q->failed) return;
    earliest(q);
    if (q->failed) return;
    for (int k = 0; k < c->nclasses; k++) {
        int best = UNREACHABLE;
        ROW(c->c_kinds, k, j) if (q->kind_time[c->c_kinds.val[j]] < best) best = q->kind_time[c->c_kinds.val[j]];
        q->class_time[k] = best;
    }
    q->target_time = UNREACHABLE;
    mask_t need = m_andnot(M(c, c->k_req[c->r_kind[q->target]]), q->start);
    int worst = 0, ok = 1;
    FOR_BITS(b, need) {
        if (q->fact_time[b] >= UNREACHABLE) { ok = 0; break; }
        if (q->fact_time[b] > worst) worst = q->fact_time[b];
    }
    if (ok) {
        int lm = weigh(q, marks_of(q, need));
        q->target_time = (worst > lm ? worst : lm) + c->move;
    }
}

/* ---- the search ------------------------------------------------------------------ */

enum { STINT = 0, START = 1, GOAL = 2 };
#define GOAL_ROLE (-2)
#define STEP_NONE 0
#define STEP_ACT 1
#define STEP_ROLE 2

typedef struct {
    double f;
    int g;
    int64_t counter;
    int type, ck, tenure;      /* node: STINT (class, need, tenure), START (kind, need), GOAL */
    mask_t need, what;
    int nxt;                   /* label it leads to, -1 for none */
    int step_type, step_x;
    int exact;
} entry_t;

typedef struct { entry_t *e; int n, cap; } pheap_t;

static int en_less(const entry_t *a, const entry_t *b) {
    if (a->f != b->f) return a->f < b->f;
    if (a->g != b->g) return a->g > b->g;   /* -g ascending */
    return a->counter < b->counter;
}
static int ph_push(pheap_t *h, const entry_t *v) {
    if (h->n == h->cap) {
        int cap = h->cap ? 2 * h->cap : 1024;
        entry_t *e = (entry_t *)realloc(h->e, (size_t)cap * sizeof(entry_t));
        if (!e) return -1;
        h->e = e; h->cap = cap;
    }
    int i = h->n++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!en_less(v, &h->e[p])) break;
        h->e[i] = h->e[p];
        i = p;
    }
    h->e[i] = *v;
    return 0;
}
static void ph_pop(pheap_t *h, entry_t *out) {
    *out = h->e[0];
    entry_t last = h->e[--h->n];
    int i = 0;
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        const entry_t *best = &last;
        if (l < h->n && en_less(&h->e[l], best)) { m = l; best = &h->e[l]; }
        if (r < h->n && en_less(&h->e[r], best)) { m = r; }
        if (m == i) break;
        h->e[i] = h->e[m];
        i = m;
    }
    if (h->n) h->e[i] = last;
}

typedef struct { mask_t need, what; int tenure, g; } settled_t;
typedef struct { settled_t *s; int n, cap; } slist_t;
typedef struct { int nxt, step_type, step_x; } link_t;

typedef struct {
    query_t *q;
    pheap_t heap;
    slist_t *stint_settled, *start_settled;   /* per class; per kind (+1 for the root) */
    link_t *links; int nlinks, caplinks;
    int64_t counter;
    double weight;
    int cutoff, budget, expanded, keep;
    char *stint_kind;
    mask_t place_bit_base;
    int failed;
} search_t;

static int beaten(search_t *s, slist_t *l, mask_t need, int tenure, int g, mask_t what) {
    int better = 0;
    for (int i = 0; i < l->n; i++) {
        settled_t *x = &l->s[i];
        if (x->g <= g && x->tenure <= tenure && m_sub(x->need, need)) {
            if (m_sub(x->what, what)) return 1;
            if (++better >= s->keep) return 1;
        }
    }
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        settled_t *n = (settled_t *)realloc(l->s, (size_t)cap * sizeof(settled_t));
        if (!n) { s->failed = 1; return 1; }
        l->s = n; l->cap = cap;
    }
    settled_t v; v.need = need; v.what = what; v.tenure = tenure; v.g = g;
    l->s[l->n++] = v;
    return 0;
}

static void push(search_t *s, double f, int g, int type, int ck, mask_t need, int tenure,
                 mask_t what, int nxt, int step_type, int step_x) {
    entry_t v;
    v.f = f; v.g = g; v.counter = ++s->counter; v.type = type; v.ck = ck; v.tenure = tenure;
    v.need = need; v.what = what; v.nxt = nxt; v.step_type = step_type; v.step_x = step_x;
    v.exact = 0;
    if (ph_push(&s->heap, &v)) s->failed = 1;
}

static void need_bounds(const query_t *q, mask_t need, int *latest, int *learning) {
    int worst = 0;
    FOR_BITS(b, need) if (q->fact_time[b] > worst) worst = q->fact_time[b];
    *latest = worst;
    *learning = weigh(q, marks_of(q, need));
}

static int stint_bound(const search_t *s, int cl, mask_t need, int tenure) {
    const query_t *q = s->q;
    const cat_t *c = q->c;
    int latest, learning;
    need_bounds(q, need, &latest, &learning);
    int h = q->class_time[cl] + tenure;
    if (latest > h) h = latest;
    if (cl != q->start_class) learning += c->move;
    if (learning > h) h = learning;
    mask_t before = m_andnot(need, M(c, c->c_gives[cl]));
    if (!m_zero(before)) {
        if (cl == c->none_class) return UNREACHABLE;
        int l2, w2;
        need_bounds(q, before, &l2, &w2);
        int earlier = l2 + c->move + tenure;
        if (earlier > h) h = earlier;
    }
    return h;
}

static int start_bound(const search_t *s, int k, mask_t need) {
    const query_t *q = s->q;
    const cat_t *c = q->c;
    int latest, learning;
    if (k == q->start_kind) { need_bounds(q, need, &latest, &learning); return latest; }
    need_bounds(q, m_or(need, m_andnot(M(c, c->k_req[k]), q->start)), &latest, &learning);
    int h = latest;
    if (q->kind_time[k] > h) h = q->kind_time[k];
    if (learning + c->move > h) h = learning + c->move;
    return h;
}

static int can_start_from(const query_t *q, int into, int is_target) {
    const cat_t *c = q->c;
    if (is_target || q->start_role < 0) return 1;
    return c->k_rank[into] >= q->floor && c->k_class[into] != q->start_class;
}

static void seed(search_t *s, double f, int g, mask_t need, int into, mask_t what, int nxt) {
    const query_t *q = s->q;
    const cat_t *c = q->c;
    int is_target = into == GOAL_ROLE;
    int rank = is_target ? 0 : c->k_rank[into];
    if (!is_target) m_set(&what, c->nactions + c->k_place[into]);
    mask_t none; memset(&none, 0, sizeof none);
    char *cand = (char *)calloc(c->nclasses, 1);
    if (!cand) { s->failed = 1; return; }
    if (m_zero(need) && can_start_from(q, into, is_target))
        push(s, f, g + c->move, GOAL, 0, none, 0, what, nxt, STEP_ROLE, into);
    int into_class = is_target ? -1 : c->k_class[into];
    FOR_BITS(b, need) ROW(c->s_classes_giving, b, j) cand[c->s_classes_giving.val[j]] = 1;
    for (int cl = 0; cl < c->nclasses; cl++) {
        if (!cand[cl] || !q->rel_class[cl] || cl == into_class) continue;
        if (!is_target && c->c_rank[cl] > rank) continue;
        push(s, f, g + c->move, STINT, cl, need, 0, what, nxt, STEP_ROLE, into);
    }
    free(cand);
}

static int add_link(search_t *s, int nxt, int step_type, int step_x) {
    if (s->nlinks == s->caplinks) {
        int cap = s->caplinks ? 2 * s->caplinks : 1024;
        link_t *n = (link_t *)realloc(s->links, (size_t)cap * sizeof(link_t));
        if (!n) { s->failed = 1; return -1; }
        s->links = n; s->caplinks = cap;
    }
    link_t v = {nxt, step_type, step_x};
    s->links[s->nlinks] = v;
    return s->nlinks++;
}

/* Result of one step of the search. */
enum { FOUND = 1, EXHAUSTED = 0, OVER_BUDGET = -1, FAILED = -2 };

typedef struct { int weeks; mask_t what; int n; int type[512]; int x[512]; } found_t;

static void search_init(search_t *s, query_t *q, double weight, int budget, int keep) {
    const cat_t *c = q->c;
    memset(s, 0, sizeof *s);
    s->q = q;
    s->weight = weight;
    s->budget = budget;
    s->keep = keep;
    s->cutoff = UNREACHABLE - 1;
    s->stint_settled = (slist_t *)calloc(c->nclasses, sizeof(slist_t));
    s->start_settled = (slist_t *)calloc(c->nkinds + 1, sizeof(slist_t));
    s->stint_kind = (char *)calloc(c->nkinds, 1);
    if (!s->stint_settled || !s->start_settled || !s->stint_kind) { s->failed = 1; return; }
    for (int k = 0; k < c->nkinds; k++) {
        if (q->kind_time[k] >= UNREACHABLE) continue;
        if (k == c->none_kind) { s->stint_kind[k] = 1; continue; }
        ROW(c->k_roles, k, j) if (c->k_roles.val[j] != q->target) { s->stint_kind[k] = 1; break; }
    }
    entry_t root;
    memset(&root, 0, sizeof root);
    root.f = q->target_time; root.g = 0; root.counter = 0; root.type = START; root.ck = GOAL_ROLE;
    root.nxt = -1; root.step_type = STEP_NONE; root.exact = 1;
    if (ph_push(&s->heap, &root)) s->failed = 1;
}

static void search_free(search_t *s) {
    const cat_t *c = s->q->c;
    if (s->stint_settled) for (int k = 0; k < c->nclasses; k++) free(s->stint_settled[k].s);
    if (s->start_settled) for (int k = 0; k <= c->nkinds; k++) free(s->start_settled[k].s);
    free(s->stint_settled); free(s->start_settled); free(s->stint_kind);
    free(s->links); free(s->heap.e);
}

static int search_next(search_t *s, found_t *out) {
    query_t *q = s->q;
    const cat_t *c = q->c;
    int exact_weight = s->weight == 1.0;
    entry_t v;
    if (s->failed) return FAILED;
    while (s->heap.n) {
        if (s->failed) return FAILED;
        ph_pop(&s->heap, &v);
        if (v.f > (double)s->cutoff * s->weight) return EXHAUSTED;
        if (!v.exact) {
            int h;
            if (v.type == STINT) h = stint_bound(s, v.ck, v.need, v.tenure);
            else if (v.type == START) h = start_bound(s, v.ck, v.need);
            else h = 0;
            if (h >= UNREACHABLE || v.g + h > s->cutoff) continue;
            double priority = exact_weight ? (double)(v.g + h) : v.g + s->weight * h;
            if (priority > v.f) {
                v.f = priority; v.counter = ++s->counter; v.exact = 1;
                if (ph_push(&s->heap, &v)) return FAILED;
                continue;
            }
        }
        if (v.type == GOAL) {
            int n = 0;
            out->weeks = v.g;
            out->what = v.what;
            if (v.step_type != STEP_NONE) { out->type[n] = v.step_type; out->x[n] = v.step_x; n++; }
            int at = v.nxt;
            while (at >= 0 && n < 512) {
                link_t *l = &s->links[at];
                if (l->step_type != STEP_NONE) { out->type[n] = l->step_type; out->x[n] = l->step_x; n++; }
                at = l->nxt;
            }
            out->n = n;
            return FOUND;
        }
        if (++s->expanded > s->budget) return OVER_BUDGET;
        ++s->counter;
        if (v.type == START) {
            int k = v.ck;
            slist_t *l = &s->start_settled[k == GOAL_ROLE ? c->nkinds : k];
            if (beaten(s, l, v.need, 0, v.g, v.what)) continue;
            int label = add_link(s, v.nxt, v.step_type, v.step_x);
            if (label < 0) return FAILED;
            mask_t none; memset(&none, 0, sizeof none);
            if (k == q->start_kind && m_zero(v.need)) {
                push(s, v.f, v.g, GOAL, 0, none, 0, v.what, label, STEP_NONE, 0);
                continue;
            }
            if (k == c->none_kind) continue;
            if (k == GOAL_ROLE) {
                mask_t need = m_andnot(M(c, c->k_req[c->r_kind[q->target]]), q->start);
                seed(s, v.f, v.g, need, GOAL_ROLE, v.what, label);
            } else {
                mask_t need = m_andnot(m_or(v.need, M(c, c->k_req[k])), q->start);
                seed(s, v.f, v.g, need, k, v.what, label);
            }
            continue;
        }
        int cl = v.ck;
        if (beaten(s, &s->stint_settled[cl], v.need, v.tenure, v.g, v.what)) continue;
        int label = add_link(s, v.nxt, v.step_type, v.step_x);
        if (label < 0) return FAILED;
        ROW(c->c_kinds, cl, j) {
            int k = c->c_kinds.val[j];
            if (s->stint_kind[k])
                push(s, v.f, v.g + v.tenure, START, k, v.need, 0, v.what, label, STEP_NONE, 0);
        }
        FOR_BITS(b, v.need) {
            ROW(c->s_groups, b, j) {
                mask_t after = v.need;
                m_clear(&after, b);
                after = m_andnot(m_or(after, M(c, c->s_groups.val[j])), q->start);
                push(s, v.f, v.g, STINT, cl, after, v.tenure, v.what, label, STEP_NONE, 0);
            }
        }
        int not_working = cl == c->none_class;
        ROW(c->c_actions, cl, j) {
            int a = c->c_actions.val[j];
            if (!q->rel_action[a]) continue;
            mask_t grants = M(c, c->a_grants[a]);
            if (!m_any(grants, v.need)) continue;
            mask_t did = v.what;
            m_set(&did, a);
            int weeks = c->a_weeks[a];
            if (c->a_exp[a]) {
                int nt = v.tenure > weeks ? v.tenure : weeks;
                push(s, v.f, v.g, STINT, cl, m_andnot(v.need, grants), nt, did, label, STEP_ACT, a);
            } else {
                mask_t after = m_andnot(m_or(m_andnot(v.need, grants), M(c, c->a_req[a])), q->start);
                if (not_working) {
                    if (v.tenure == 0)
                        push(s, v.f, v.g + weeks, STINT, cl, after, 0, did, label, STEP_ACT, a);
                } else {
                    int left = v.tenure - weeks;
                    push(s, v.f, v.g + weeks, STINT, cl, after, left > 0 ? left : 0, did, label,
                         STEP_ACT, a);
                }
            }
        }
    }
    return s->failed ? FAILED : EXHAUSTED;
}

/* Write a found route to out: weeks, n, then (type, x) pairs. Returns ints written or -1. */
static int write_found(const found_t *f, int *out, int room) {
    int need = 2 + 2 * f->n;
    if (need > room) return -1;
    out[0] = f->weeks;
    out[1] = f->n;
    for (int i = 0; i < f->n; i++) { out[2 + 2 * i] = f->type[i]; out[3 + 2 * i] = f->x[i]; }
    return need;
}

/*
 * The whole of regress.find_back: exact search within exact_budget, else a greedier one;
 * then alternatives that each do something different, until limit routes.
 * Writes [count, routes...] to out. Returns 0, or -1 (over budget), -2 (failure).
 */
int find_back(const cat_t *c, const uint64_t *start_words, int start_role, int target,
              const uint64_t *usable_words, int limit, int exact_budget, double fallback_weight,
              int fallback_budget, int slack, int alternative_budget, int *out, int out_len) {
    query_t q;
    memset(&q, 0, sizeof q);
    q.c = c;
    memcpy(q.start.w, start_words, sizeof q.start.w);
    memcpy(q.usable.w, usable_words, sizeof q.usable.w);
    q.start_role = start_role;
    q.target = target;
    q.from_nowhere = start_role < 0;
    q.start_kind = start_role < 0 ? c->none_kind : c->r_kind[start_role];
    q.start_class = c->k_class[q.start_kind];
    q.floor = start_role < 0 ? 0 : c->r_rank[start_role];
    q.rel_action = (char *)calloc(c->nactions, 1);
    q.rel_class = (char *)calloc(c->nclasses, 1);
    q.kind_on = (char *)calloc(c->nkinds, 1);
    q.fact_time = ints(c->nskills); q.kind_time = ints(c->nkinds); q.class_time = ints(c->nclasses);
    q.marks = (mask_t *)calloc(c->nskills, sizeof(mask_t));
    q.has_marks = (char *)calloc(c->nskills, 1);
    q.weight_weeks = ints(c->nactions); q.weight_kind = ints(c->nactions);
    int status = 0, written = 1;
    out[0] = 0;
    if (!q.rel_action || !q.rel_class || !q.kind_on || !q.fact_time || !q.kind_time ||
        !q.class_time || !q.marks || !q.has_marks || !q.weight_weeks || !q.weight_kind)
        q.failed = 1;
    else
        find_bounds(&q);
    if (q.failed) status = -2;
    else if (q.target_time < UNREACHABLE) {
        search_t s;
        found_t *f = (found_t *)malloc(sizeof(found_t));
        mask_t *whats = (mask_t *)calloc(limit > 0 ? limit : 1, sizeof(mask_t));
        if (!f || !whats) {
            free(f); free(whats);
            status = -2;
            goto out;
        }
        search_init(&s, &q, 1.0, exact_budget, limit);
        int r = search_next(&s, f);
        if (r == OVER_BUDGET) {
            search_free(&s);
            search_init(&s, &q, fallback_weight, fallback_budget, limit);
            r = search_next(&s, f);
        }
        if (r == OVER_BUDGET) status = -1;
        else if (r == FAILED) status = -2;
        else if (r == FOUND) {
            int count = 0;
            int w = write_found(f, out + written, out_len - written);
            if (w < 0) status = -2;
            else { written += w; whats[count++] = f->what; }
            int best = f->weeks;
            s.cutoff = 2 * best > best + slack ? 2 * best : best + slack;
            s.budget = s.expanded + (alternative_budget > s.expanded ? alternative_budget : s.expanded);
            while (status == 0 && count < limit) {
                r = search_next(&s, f);
                if (r == FAILED) { status = -2; break; }
                if (r != FOUND) break;
                int repeats = 0;
                for (int i = 0; i < count; i++) if (m_sub(whats[i], f->what)) { repeats = 1; break; }
                if (repeats) continue;
                w = write_found(f, out + written, out_len - written);
                if (w < 0) { status = -2; break; }
                written += w;
                whats[count++] = f->what;
            }
            out[0] = count;
        }
        search_free(&s);
        free(whats);
        free(f);
    }
out:
    free(q.rel_action); free(q.rel_class); free(q.kind_on); free(q.fact_time); free(q.kind_time);
    free(q.class_time); free(q.marks); free(q.has_marks); free(q.weight_weeks); free(q.weight_kind);
    return status;
}

/* So that setuptools can build this file as an importable module; accel.py uses ctypes. */
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_regress", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__regress(void) { return PyModule_Create(&module); }

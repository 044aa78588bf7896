/* pdftag.c: the structure tree of a tagged PDF (pdftag.h), built with libharu's object API. */
#include "pdftag.h"
#include <stdlib.h>
#include <string.h>

/* Entries per /K array and per number-tree node: well under libharu's array limit
   (HPDF_LIMIT_MAX_ARRAY, 32767); one level of groups takes 4096^2 entries. */
#ifndef PDF_TAG_FANOUT
#define PDF_TAG_FANOUT 4096
#endif
#define PDF_TAG_NONE ((size_t)-1)

int pdf_mcrs_add(struct pdf_mcrs *m, uint32_t page, uint32_t mcid, uint32_t elem)
{
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 256;
		struct pdf_mcr *v = realloc(m->v, nc * sizeof *v);
		if (!v)
			return -1;
		m->v = v;
		m->cap = nc;
	}
	m->v[m->n++] = (struct pdf_mcr){page, mcid, elem};
	return 0;
}

void pdf_mcrs_free(struct pdf_mcrs *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

enum err pdf_tag_check(const struct pagedoc *pd, struct diag *d)
{
	size_t n = pd->n_elems;
	for (size_t i = 0; i < n; i++) {
		int q = pd->elems[i].parent;
		for (int depth = 0; q != -1; depth++) {
			if (q < -1 || (size_t)q >= n || (size_t)q == i || depth >= PDF_TAG_MAX_DEPTH) {
				diag_msg(d, DIAG_ERROR, "structure element %zu: bad parent %d", i + 1,
					 pd->elems[i].parent);
				return ERR_PDF;
			}
			q = pd->elems[q].parent;
		}
		if ((unsigned)pd->elems[i].tag >= PAGE_TAG_N) {
			diag_msg(d, DIAG_ERROR, "structure element %zu: bad type", i + 1);
			return ERR_PDF;
		}
	}
	for (size_t p = 0; p < pd->n_pages; p++) {
		const struct page *pg = &pd->pages[p];
		for (size_t k = 0; k < pg->n_glyphs; k++)
			if (pg->glyphs[k].elem > n) {
				diag_msg(d, DIAG_ERROR, "page %zu, glyph %zu: no structure element %u", p + 1,
					 k + 1, (unsigned)pg->glyphs[k].elem);
				return ERR_PDF;
			}
		for (size_t k = 0; k < pg->n_images; k++)
			if (pg->images[k].elem > n) {
				diag_msg(d, DIAG_ERROR, "page %zu, image %zu: no structure element %u", p + 1,
					 k + 1, (unsigned)pg->images[k].elem);
				return ERR_PDF;
			}
		for (size_t k = 0; k < pg->n_links; k++)
			if (pg->links[k].elem > n) {
				diag_msg(d, DIAG_ERROR, "page %zu, link %zu: no structure element %u", p + 1,
					 k + 1, (unsigned)pg->links[k].elem);
				return ERR_PDF;
			}
	}
	return ERR_OK;
}

/* The state of one pdf_tag_tree call. Element index n stands for the Document. */
struct pdf_tagger {
	struct pdf_ctx *c;
	const struct pagedoc *pd;
	HPDF_Page *pages;
	const struct pdf_mcrs *m;
	size_t n;               /* elements */
	HPDF_Dict *dict;        /* n + 1: each element's dict, NULL when it holds no content */
	size_t *kid, *next;     /* n + 1: first child / next sibling, in index order */
	size_t *mstart, *morder; /* MCRs by element: morder[mstart[e] .. mstart[e + 1]) */
	HPDF_Dict *mparent;     /* per MCR: the dict whose /K holds it (the parent tree's value) */
	HPDF_Dict root;         /* StructTreeRoot */
	HPDF_Annotation *annots; /* the pages' links in order (pdf.c) */
	unsigned char *linked;  /* n + 1: the element has a link (pdf_tag_links adds to its /K) */
	/* the parent tree's entries, keys ascending: each page's MCIDs (an array), then each
	   tagged link (its Link element) */
	HPDF_INT32 *keys;
	void **vals;
	size_t n_ent;
};

/* A structure element of type `type` (its optional /Type StructElem left out: every element
   costs an object, uncompressed, as libharu writes no object streams). */
static HPDF_Dict pdf_tag_elem(struct pdf_tagger *t, const char *type)
{
	HPDF_Dict d = pdf_new_dict(t->c);
	if (d && HPDF_Dict_AddName(d, "S", type) != HPDF_OK)
		return NULL;
	return d;
}

/* One entry of an element's content list, in order: its MCRs, then its children. */
static size_t pdf_tag_nitems(const struct pdf_tagger *t, size_t e, size_t *nm)
{
	*nm = t->mstart[e + 1] - t->mstart[e];
	size_t n = *nm;
	for (size_t k = t->kid[e]; k != PDF_TAG_NONE; k = t->next[k])
		n += t->dict[k] != NULL;
	return n;
}

/* Adds MCR number i (of the element's list) to array k of dict parent whose /Pg is page pg
   (PDF_TAG_NONE: none yet; set here). */
static enum err pdf_tag_add_mcr(struct pdf_tagger *t, HPDF_Array k, HPDF_Dict parent, size_t *pg,
				size_t mi)
{
	const struct pdf_mcr *r = &t->m->v[mi];
	HPDF_STATUS s = HPDF_OK;
	if (*pg == PDF_TAG_NONE) {
		*pg = r->page;
		s = HPDF_Dict_Add(parent, "Pg", t->pages[r->page]);
	}
	if (s == HPDF_OK && r->page == *pg) {
		s = HPDF_Array_AddNumber(k, (HPDF_INT32)r->mcid);
	} else if (s == HPDF_OK) {
		HPDF_Dict mcr = HPDF_Dict_New(pdf_mmgr(t->c));
		s = mcr ? HPDF_Array_Add(k, mcr) : HPDF_FAILD_TO_ALLOC_MEM;
		if (s == HPDF_OK)
			s = HPDF_Dict_AddName(mcr, "Type", "MCR");
		if (s == HPDF_OK)
			s = HPDF_Dict_Add(mcr, "Pg", t->pages[r->page]);
		if (s == HPDF_OK)
			s = HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)r->mcid);
	}
	t->mparent[mi] = parent;
	return s == HPDF_OK ? ERR_OK : pdf_fail(t->c, "structure tree");
}

/* Fills element e's /K (and its children's /P): its MCRs then its children, in groups of
   PDF_TAG_FANOUT under Div elements when there are more. */
static enum err pdf_tag_fill(struct pdf_tagger *t, size_t e)
{
	HPDF_Dict d = t->dict[e];
	size_t nm, n = pdf_tag_nitems(t, e, &nm);
	if (n == 1 && nm == 1 && !t->linked[e]) {
		/* one line: /K its MCID, /Pg its page */
		size_t mi = t->morder[t->mstart[e]];
		const struct pdf_mcr *r = &t->m->v[mi];
		t->mparent[mi] = d;
		if (HPDF_Dict_Add(d, "Pg", t->pages[r->page]) != HPDF_OK ||
		    HPDF_Dict_AddNumber(d, "K", (HPDF_INT32)r->mcid) != HPDF_OK)
			return pdf_fail(t->c, "structure tree");
		return ERR_OK;
	}
	HPDF_Array k = HPDF_Array_New(pdf_mmgr(t->c));
	if (!k || HPDF_Dict_Add(d, "K", k) != HPDF_OK)
		return pdf_fail(t->c, "structure tree");
	HPDF_Array gk = k;      /* the array items go into */
	HPDF_Dict gd = d;       /* and its dict */
	size_t pg = PDF_TAG_NONE, gpg = PDF_TAG_NONE;
	size_t item = 0, kid = t->kid[e];
	for (; item < n; item++) {
		if (n > PDF_TAG_FANOUT && item % PDF_TAG_FANOUT == 0) {
			gd = pdf_tag_elem(t, "Div");
			gk = gd ? HPDF_Array_New(pdf_mmgr(t->c)) : NULL;
			if (!gk || HPDF_Array_Add(k, gd) != HPDF_OK || HPDF_Dict_Add(gd, "P", d) != HPDF_OK ||
			    HPDF_Dict_Add(gd, "K", gk) != HPDF_OK)
				return pdf_fail(t->c, "structure tree");
			gpg = PDF_TAG_NONE;
		}
		size_t *ppg = gd == d ? &pg : &gpg;
		if (item < nm) {
			enum err er = pdf_tag_add_mcr(t, gk, gd, ppg, t->morder[t->mstart[e] + item]);
			if (er)
				return er;
			continue;
		}
		while (!t->dict[kid])
			kid = t->next[kid];
		if (HPDF_Array_Add(gk, t->dict[kid]) != HPDF_OK ||
		    HPDF_Dict_Add(t->dict[kid], "P", gd) != HPDF_OK)
			return pdf_fail(t->c, "structure tree");
		kid = t->next[kid];
	}
	return ERR_OK;
}

/* The parent tree's entries for the pages: for each page with marked content, the dicts its
   MCIDs belong to (an indirect array); the page's /StructParents is its index. */
static enum err pdf_tag_page_entries(struct pdf_tagger *t)
{
	const struct pdf_mcr *v = t->m->v;
	for (size_t a = 0, b; a < t->m->n; a = b) {
		uint32_t page = v[a].page;
		for (b = a; b < t->m->n && v[b].page == page; b++)
			;
		HPDF_Array arr = pdf_new_array(t->c);
		if (!arr || HPDF_Dict_AddNumber(t->pages[page], "StructParents", (HPDF_INT32)page) != HPDF_OK)
			return pdf_fail(t->c, "structure tree");
		for (size_t k = a; k < b; k++)
			if (v[k].mcid != k - a || !t->mparent[k] || HPDF_Array_Add(arr, t->mparent[k]) != HPDF_OK)
				return pdf_fail(t->c, "structure tree (parent tree)");
		t->keys[t->n_ent] = (HPDF_INT32)page;
		t->vals[t->n_ent++] = arr;
	}
	return ERR_OK;
}

/* Each link annotation of a tagged element (a TOCI) becomes a Link element at the end of it,
   holding the annotation (OBJR); the annotation's /StructParent is its parent tree key. */
static enum err pdf_tag_links(struct pdf_tagger *t)
{
	HPDF_MMgr mm = pdf_mmgr(t->c);
	HPDF_INT32 key = (HPDF_INT32)t->pd->n_pages;
	size_t a = 0;
	for (size_t p = 0; p < t->pd->n_pages; p++)
		for (size_t i = 0; i < t->pd->pages[p].n_links; i++, a++) {
			uint32_t el = t->pd->pages[p].links[i].elem;
			HPDF_Dict parent = el ? t->dict[el - 1] : NULL;
			if (!parent || !t->annots[a])
				continue;
			HPDF_Array k = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY);
			HPDF_Dict link = pdf_tag_elem(t, "Link");
			HPDF_Dict objr = link ? HPDF_Dict_New(mm) : NULL;
			if (!k || !objr || HPDF_Array_Add(k, link) != HPDF_OK ||
			    HPDF_Dict_Add(link, "P", parent) != HPDF_OK ||
			    HPDF_Dict_Add(link, "K", objr) != HPDF_OK ||
			    HPDF_Dict_AddName(objr, "Type", "OBJR") != HPDF_OK ||
			    HPDF_Dict_Add(objr, "Obj", t->annots[a]) != HPDF_OK ||
			    HPDF_Dict_Add(objr, "Pg", t->pages[p]) != HPDF_OK ||
			    HPDF_Dict_AddNumber(t->annots[a], "StructParent", key) != HPDF_OK)
				return pdf_fail(t->c, "structure tree (links)");
			t->keys[t->n_ent] = key++;
			t->vals[t->n_ent++] = link;
		}
	return ERR_OK;
}

/* The parent tree from its entries: one /Nums array, or kids of PDF_TAG_FANOUT / 2 entries
   with their /Limits. */
static enum err pdf_tag_parents(struct pdf_tagger *t)
{
	HPDF_MMgr mm = pdf_mmgr(t->c);
	HPDF_Dict tree = HPDF_Dict_New(mm);
	HPDF_INT32 next = (HPDF_INT32)t->pd->n_pages;
	if (t->n_ent && t->keys[t->n_ent - 1] >= next)
		next = t->keys[t->n_ent - 1] + 1;
	if (!tree || HPDF_Dict_Add(t->root, "ParentTree", tree) != HPDF_OK ||
	    HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", next) != HPDF_OK)
		return pdf_fail(t->c, "structure tree");
	size_t per = PDF_TAG_FANOUT / 2;
	int split = t->n_ent > per;
	HPDF_Array kids = NULL, nums = NULL;
	if (split && (!(kids = HPDF_Array_New(mm)) || HPDF_Dict_Add(tree, "Kids", kids) != HPDF_OK))
		return pdf_fail(t->c, "structure tree");
	if (!split && (!(nums = HPDF_Array_New(mm)) || HPDF_Dict_Add(tree, "Nums", nums) != HPDF_OK))
		return pdf_fail(t->c, "structure tree");
	for (size_t a = 0; a < t->n_ent; a++) {
		if (split && a % per == 0) {
			size_t last = a + per < t->n_ent ? a + per - 1 : t->n_ent - 1;
			HPDF_Dict node = pdf_new_dict(t->c);
			HPDF_Array limits = node ? HPDF_Array_New(mm) : NULL;
			nums = limits ? HPDF_Array_New(mm) : NULL;
			if (!nums || HPDF_Array_Add(kids, node) != HPDF_OK ||
			    HPDF_Dict_Add(node, "Nums", nums) != HPDF_OK ||
			    HPDF_Dict_Add(node, "Limits", limits) != HPDF_OK ||
			    HPDF_Array_AddNumber(limits, t->keys[a]) != HPDF_OK ||
			    HPDF_Array_AddNumber(limits, t->keys[last]) != HPDF_OK)
				return pdf_fail(t->c, "structure tree");
		}
		if (HPDF_Array_AddNumber(nums, t->keys[a]) != HPDF_OK ||
		    HPDF_Array_Add(nums, t->vals[a]) != HPDF_OK)
			return pdf_fail(t->c, "structure tree (parent tree)");
	}
	return ERR_OK;
}

/* The catalog's entries for a tagged document. */
static enum err pdf_tag_catalog(struct pdf_tagger *t, const char *lang, int title)
{
	HPDF_MMgr mm = pdf_mmgr(t->c);
	HPDF_Dict cat = pdf_catalog(t->c);
	HPDF_Dict mark = HPDF_Dict_New(mm);
	if (!cat || !mark || HPDF_Dict_Add(cat, "MarkInfo", mark) != HPDF_OK ||
	    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE) != HPDF_OK ||
	    HPDF_Dict_Add(cat, "StructTreeRoot", t->root) != HPDF_OK)
		return pdf_fail(t->c, "tagged PDF catalog");
	if (lang && *lang && strcmp(lang, "und")) {
		HPDF_String s = HPDF_String_New(mm, lang, NULL);
		if (!s || HPDF_Dict_Add(cat, "Lang", s) != HPDF_OK)
			return pdf_fail(t->c, "document language");
	}
	if (title) {
		HPDF_Dict vp = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
		if (!vp && (!(vp = HPDF_Dict_New(mm)) || HPDF_Dict_Add(cat, "ViewerPreferences", vp) != HPDF_OK))
			return pdf_fail(t->c, "viewer preferences");
		if (HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE) != HPDF_OK)
			return pdf_fail(t->c, "viewer preferences");
	}
	/* ActualText in marked content (PDF 1.5) */
	pdf_need_version(t->c, HPDF_VER_15);
	return ERR_OK;
}

static void pdf_tagger_free(struct pdf_tagger *t)
{
	free(t->dict);
	free(t->kid);
	free(t->next);
	free(t->mstart);
	free(t->morder);
	free(t->mparent);
	free(t->keys);
	free(t->vals);
	free(t->linked);
}

enum err pdf_tag_tree(struct pdf_ctx *c, const struct pagedoc *pd, HPDF_Page *pages,
		      HPDF_Annotation *annots, const struct pdf_mcrs *m, const char *lang, int title)
{
	size_t n = pd->n_elems, n_links = 0;
	for (size_t p = 0; p < pd->n_pages; p++)
		n_links += pd->pages[p].n_links;
	struct pdf_tagger t = {.c = c, .pd = pd, .pages = pages, .m = m, .n = n, .annots = annots};
	t.keys = malloc((pd->n_pages + n_links + 1) * sizeof *t.keys);
	t.vals = malloc((pd->n_pages + n_links + 1) * sizeof *t.vals);
	t.linked = calloc(n + 1, 1);
	t.dict = calloc(n + 1, sizeof *t.dict);
	t.kid = malloc((n + 1) * sizeof *t.kid);
	t.next = malloc((n + 1) * sizeof *t.next);
	t.mstart = calloc(n + 2, sizeof *t.mstart);
	t.morder = malloc((m->n + 1) * sizeof *t.morder);
	t.mparent = calloc(m->n + 1, sizeof *t.mparent);
	size_t *last = malloc((n + 1) * sizeof *last);
	unsigned char *live = calloc(n + 1, 1);
	enum err e = ERR_OK;
	if (!t.dict || !t.kid || !t.next || !t.mstart || !t.morder || !t.mparent || !last || !live ||
	    !t.keys || !t.vals || !t.linked) {
		if (!c->reported) {
			c->reported = 1;
			diag_msg(c->d, DIAG_ERROR, "out of memory while writing the PDF (structure tree)");
		}
		e = ERR_NOMEM;
		goto out;
	}
	/* children in index order; the Document (n) takes the top level */
	for (size_t i = 0; i <= n; i++)
		t.kid[i] = t.next[i] = last[i] = PDF_TAG_NONE;
	for (size_t i = 0; i < n; i++) {
		size_t p = pd->elems[i].parent < 0 ? n : (size_t)pd->elems[i].parent;
		if (last[p] == PDF_TAG_NONE)
			t.kid[p] = i;
		else
			t.next[last[p]] = i;
		last[p] = i;
	}
	/* MCRs grouped by element (counting sort, stable); elements holding content and their
	   ancestors are live */
	for (size_t k = 0; k < m->n; k++)
		t.mstart[m->v[k].elem + 1]++;
	for (size_t i = 0; i < n; i++)
		t.mstart[i + 1] += t.mstart[i];
	t.mstart[n + 1] = t.mstart[n];
	memcpy(last, t.mstart, (n + 1) * sizeof *last);
	for (size_t k = 0; k < m->n; k++)
		t.morder[last[m->v[k].elem]++] = k;
	live[n] = 1;
	for (size_t k = 0; k < m->n; k++)
		for (int q = (int)m->v[k].elem; q >= 0 && !live[q]; q = pd->elems[q].parent)
			live[q] = 1;
	for (size_t p = 0; p < pd->n_pages; p++)
		for (size_t i = 0; i < pd->pages[p].n_links; i++)
			if (pd->pages[p].links[i].elem)
				t.linked[pd->pages[p].links[i].elem - 1] = 1;
	/* the dicts */
	t.root = pdf_new_dict(c);
	if (!t.root || HPDF_Dict_AddName(t.root, "Type", "StructTreeRoot") != HPDF_OK) {
		e = pdf_fail(c, "structure tree");
		goto out;
	}
	for (size_t i = 0; i <= n && !e; i++) {
		if (!live[i])
			continue;
		const struct page_elem *el = i < n ? &pd->elems[i] : NULL;
		if (!(t.dict[i] = pdf_tag_elem(&t, el ? page_tag_name(el->tag) : "Document"))) {
			e = pdf_fail(c, "structure tree");
			break;
		}
		if (el && el->alt && *el->alt) {
			HPDF_Binary alt = pdf_text_string(c, el->alt);
			if (!alt || HPDF_Dict_Add(t.dict[i], "Alt", alt) != HPDF_OK)
				e = pdf_fail(c, "structure tree (alternate text)");
		}
		if (!e && el && el->lang && *el->lang && strcmp(el->lang, "und") &&
		    (!lang || strcmp(el->lang, lang))) {
			HPDF_String s = HPDF_String_New(pdf_mmgr(c), el->lang, NULL);
			if (!s || HPDF_Dict_Add(t.dict[i], "Lang", s) != HPDF_OK)
				e = pdf_fail(c, "structure tree (language)");
		}
	}
	if (!e && (HPDF_Dict_Add(t.root, "K", t.dict[n]) != HPDF_OK ||
		   HPDF_Dict_Add(t.dict[n], "P", t.root) != HPDF_OK))
		e = pdf_fail(c, "structure tree");
	for (size_t i = 0; i <= n && !e; i++)
		if (live[i])
			e = pdf_tag_fill(&t, i);
	if (!e)
		e = pdf_tag_page_entries(&t);
	if (!e)
		e = pdf_tag_links(&t);
	if (!e)
		e = pdf_tag_parents(&t);
	for (size_t p = 0; p < pd->n_pages && !e; p++)
		if (pd->pages[p].n_links && HPDF_Dict_AddName(pages[p], "Tabs", "S") != HPDF_OK)
			e = pdf_fail(c, "page tab order");
	if (!e)
		e = pdf_tag_catalog(&t, lang, title);
out:
	free(last);
	free(live);
	pdf_tagger_free(&t);
	return e;
}

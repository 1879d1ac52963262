#include "html_shim.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t initOnce = PTHREAD_ONCE_INIT;
static void initialize(void) { xmlInitParser(); }

typedef struct {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
    int failed;
} Buffer;

static void reserve(Buffer *b, size_t extra) {
    if (b->failed || b->length + extra <= b->capacity) return;
    size_t cap = b->capacity ? b->capacity : 4096;
    while (cap < b->length + extra) cap *= 2;
    uint8_t *p = realloc(b->bytes, cap);
    if (!p) { b->failed = 1; return; }
    b->bytes = p;
    b->capacity = cap;
}

static void put_byte(Buffer *b, uint8_t v) {
    reserve(b, 1);
    if (b->failed) return;
    b->bytes[b->length++] = v;
}

static void put_u32(Buffer *b, uint32_t v) {
    reserve(b, 4);
    if (b->failed) return;
    for (int i = 0; i < 4; i++) b->bytes[b->length++] = (uint8_t)(v >> (8 * i));
}

static void put_string(Buffer *b, const xmlChar *s) {
    size_t n = s ? strlen((const char *)s) : 0;
    if (n > UINT32_MAX) n = UINT32_MAX;
    put_u32(b, (uint32_t)n);
    reserve(b, n);
    if (b->failed) return;
    memcpy(b->bytes + b->length, s, n);
    b->length += n;
}

static void open_element(Buffer *b, xmlNode *n) {
    put_byte(b, MINUTES_HTML_OPEN);
    put_string(b, n->name);
    uint32_t count = 0;
    for (xmlAttr *a = n->properties; a; a = a->next) count++;
    put_u32(b, count);
    for (xmlAttr *a = n->properties; a; a = a->next) {
        put_string(b, a->name);
        xmlChar *value = xmlNodeListGetString(n->doc, a->children, 1);
        put_string(b, value);
        if (value) xmlFree(value);
    }
}

static int is_element(xmlNode *n) { return n->type == XML_ELEMENT_NODE; }

uint8_t *minutes_html_parse(const char *utf8, int64_t length, int64_t *eventsLength) {
    pthread_once(&initOnce, initialize);
    *eventsLength = 0;
    if (length < 0 || length > INT32_MAX) return NULL;
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlDocPtr doc = htmlReadMemory(utf8, (int)length, NULL, "UTF-8", options);
    if (!doc) return NULL;
    Buffer b = {0};
    // Iterative pre-order walk: descend into children, emit CLOSE when climbing out.
    xmlNode *n = doc->children;
    while (n && !b.failed) {
        if (is_element(n)) {
            open_element(&b, n);
            if (n->children) { n = n->children; continue; }
            put_byte(&b, MINUTES_HTML_CLOSE);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            put_byte(&b, MINUTES_HTML_TEXT);
            put_string(&b, n->content);
        }
        while (n && !n->next) {
            n = n->parent;
            if (!n || n == (xmlNode *)doc) { n = NULL; break; }
            if (is_element(n)) put_byte(&b, MINUTES_HTML_CLOSE);
        }
        if (n) n = n->next;
    }
    xmlFreeDoc(doc);
    if (b.failed) { free(b.bytes); return NULL; }
    *eventsLength = (int64_t)b.length;
    return b.bytes;
}

void minutes_html_free(uint8_t *events) { free(events); }

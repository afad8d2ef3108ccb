#ifndef ARDOC_CLIBXML2_SHIM_H
#define ARDOC_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its headers then pull in ICU types that clash with
// Foundation's (UErrorCode redefinition). ardoc never uses libxml2's ICU encoders.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

// xmlFree is a global variable or a macro depending on the build; one call site for Swift.
static inline void ardoc_xml_free(void *pointer) { xmlFree(pointer); }
#endif

/* json_autoptr.h - g_autoptr(json_t) for jansson trees (edge modules only). */
#pragma once

#include <glib.h>
#include <jansson.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_t, json_decref)

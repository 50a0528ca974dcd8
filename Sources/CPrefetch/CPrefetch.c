// The header's inline function is all there is; SwiftPM wants a source file.
#include "CPrefetch.h"

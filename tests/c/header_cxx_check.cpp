// sqp.h must compile as C++ with -Wall -Wextra -Wpedantic -Werror (it is included by C++ CRMs).
#include "sqp.h"

int sqp_header_cxx_check() { return SQP_VERSION_NUMBER > 0 ? SQP_OK : SQP_ERR_INTERNAL; }

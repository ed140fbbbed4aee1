// A second translation unit that uses the header-only wrapper: linking it with
// wrapper_test.cpp fails if a function of ucontact.hpp is not inline.
#include <string>

#include <ucontact.hpp>

std::string version_from_second_unit() {
  ucontact::error unused(UCONTACT_ERR_INTERNAL, "unused");
  (void)unused;
  return ucontact::version();
}

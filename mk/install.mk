# `make install` and `make uninstall`: the header, the wrapper, both libraries, the
# pkg-config files and the CMake package, under a prefix.
#
#   make install PREFIX=/opt/ucontact [DESTDIR=/tmp/stage] [LIBDIR=lib/x86_64-linux-gnu]
#   make uninstall PREFIX=/opt/ucontact [DESTDIR=/tmp/stage]
#
# PREFIX is absolute; LIBDIR and INCLUDEDIR are relative to it. DESTDIR stages the files
# for packaging: they land under $(DESTDIR)$(PREFIX) but name $(PREFIX) inside. The list
# of installed files is kept in $(PREFIX)/share/ucontact/install-manifest.txt, and
# `make uninstall` removes exactly those files, whatever version installed them.

PREFIX     ?= /usr/local
LIBDIR     ?= lib
INCLUDEDIR ?= include

# The system libraries that libucontact.a needs, as printed by
#   cargo rustc --release -p ucontact --crate-type staticlib -- --print native-static-libs
# (tests/cpp/run.sh links a program against the archive with exactly this list).
UCONTACT_NATIVE_STATIC_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc

UCONTACT_VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
UCONTACT_MAJOR   := $(firstword $(subst ., ,$(UCONTACT_VERSION)))
UCONTACT_SO      := libucontact.so.$(UCONTACT_VERSION)

install_root     = $(DESTDIR)$(PREFIX)
install_libdir   = $(PREFIX)/$(LIBDIR)
install_incdir   = $(PREFIX)/$(INCLUDEDIR)
install_cmakedir = $(install_libdir)/cmake/ucontact
install_pcdir    = $(install_libdir)/pkgconfig
install_manifest = $(PREFIX)/share/ucontact/install-manifest.txt

# Every file install writes, as named on the target system (without DESTDIR).
install_files = \
  $(install_incdir)/ucontact.h \
  $(install_incdir)/ucontact.hpp \
  $(install_libdir)/$(UCONTACT_SO) \
  $(install_libdir)/libucontact.so.$(UCONTACT_MAJOR) \
  $(install_libdir)/libucontact.so \
  $(install_libdir)/libucontact.a \
  $(install_pcdir)/ucontact.pc \
  $(install_pcdir)/ucontact-static.pc \
  $(install_cmakedir)/ucontactConfig.cmake \
  $(install_cmakedir)/ucontactConfigVersion.cmake

# The config file climbs from lib/cmake/ucontact to the prefix: one step per component
# of LIBDIR, two for cmake/ucontact.
install_up = $(subst $() ,,$(foreach c,$(subst /, ,$(LIBDIR)),../))../..

# The system libraries as a CMake list of names: gcc_s;util;...
install_static_libs_cmake = $(subst $() ,;,$(patsubst -l%,%,$(UCONTACT_NATIVE_STATIC_LIBS)))

# The substitutions of the cmake/*.in templates.
install_subst = sed \
  -e 's|@PREFIX@|$(PREFIX)|g' \
  -e 's|@LIBDIR@|$(LIBDIR)|g' \
  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
  -e 's|@VERSION@|$(UCONTACT_VERSION)|g' \
  -e 's|@MAJOR@|$(UCONTACT_MAJOR)|g' \
  -e 's|@UP@|$(install_up)|g' \
  -e 's|@SIZEOF_VOID_P@|$(shell expr $$(getconf LONG_BIT) / 8)|g' \
  -e 's|@NATIVE_STATIC_LIBS@|$(UCONTACT_NATIVE_STATIC_LIBS)|g' \
  -e 's|@NATIVE_STATIC_LIBS_CMAKE@|$(install_static_libs_cmake)|g'

.PHONY: install uninstall install-check-dirs

# Bad paths are refused before anything is built or written.
install-check-dirs:
	@case "$(PREFIX)" in /*) ;; *) \
	  echo "install: PREFIX must be an absolute path, not '$(PREFIX)'" >&2; exit 2;; esac
	@case "$(PREFIX)$(DESTDIR)$(LIBDIR)$(INCLUDEDIR)" in *[[:space:]\|\&]*) \
	  echo "install: PREFIX, DESTDIR, LIBDIR and INCLUDEDIR must not contain" \
	    "spaces, '|' or '&'" >&2; exit 2;; esac
	@case "$(LIBDIR)" in /*|*..*|"") \
	  echo "install: LIBDIR must be a path inside PREFIX such as lib," \
	    "not '$(LIBDIR)'" >&2; exit 2;; esac
	@case "$(INCLUDEDIR)" in /*|*..*|"") \
	  echo "install: INCLUDEDIR must be a path inside PREFIX such as include," \
	    "not '$(INCLUDEDIR)'" >&2; exit 2;; esac

install: install-check-dirs lib
	install -d "$(DESTDIR)$(install_incdir)" "$(DESTDIR)$(install_libdir)" \
	  "$(DESTDIR)$(install_pcdir)" "$(DESTDIR)$(install_cmakedir)" \
	  "$(DESTDIR)$(dir $(install_manifest))"
	install -m 644 include/ucontact.h include/ucontact.hpp "$(DESTDIR)$(install_incdir)/"
	install -m 755 $(TARGET)/libucontact.so "$(DESTDIR)$(install_libdir)/$(UCONTACT_SO)"
	ln -sf $(UCONTACT_SO) "$(DESTDIR)$(install_libdir)/libucontact.so.$(UCONTACT_MAJOR)"
	ln -sf libucontact.so.$(UCONTACT_MAJOR) "$(DESTDIR)$(install_libdir)/libucontact.so"
	install -m 644 $(TARGET)/libucontact.a "$(DESTDIR)$(install_libdir)/libucontact.a"
	for pc in ucontact ucontact-static; do \
	  $(install_subst) cmake/$$pc.pc.in > "$(DESTDIR)$(install_pcdir)/$$pc.pc" || exit 1; \
	done
	for f in ucontactConfig ucontactConfigVersion; do \
	  $(install_subst) cmake/$$f.cmake.in > "$(DESTDIR)$(install_cmakedir)/$$f.cmake" || exit 1; \
	done
	printf '%s\n' $(install_files) $(install_manifest) > "$(DESTDIR)$(install_manifest)"
	cd "$(DESTDIR)$(PREFIX)" && chmod 644 \
	  $(patsubst $(PREFIX)/%,%,$(filter %.pc %.cmake,$(install_files)) $(install_manifest))
	@echo "installed ucontact $(UCONTACT_VERSION) in $(install_root);" \
	  "the files are listed in $(DESTDIR)$(install_manifest)"

# Removes the files the manifest lists, then the package's own folders if they are empty;
# shared folders such as lib/pkgconfig or include stay. A manifest that names a file
# outside PREFIX (the prefix was moved or copied) removes nothing.
uninstall: install-check-dirs
	@test -f "$(DESTDIR)$(install_manifest)" || { \
	  echo "uninstall: no ucontact installation in $(install_root)" \
	    "($(DESTDIR)$(install_manifest) is missing)" >&2; exit 1; }
	@while IFS= read -r f; do \
	  case "$$f" in "$(PREFIX)"/*) ;; *) \
	    echo "uninstall: $(DESTDIR)$(install_manifest) names $$f, outside" \
	      "PREFIX=$(PREFIX); nothing removed" >&2; exit 1;; esac; \
	done < "$(DESTDIR)$(install_manifest)"
	@while IFS= read -r f; do \
	  rm -f "$(DESTDIR)$$f" && echo "removed $(DESTDIR)$$f"; \
	done < "$(DESTDIR)$(install_manifest)"
	@for d in "$(install_cmakedir)" "$(dir $(install_manifest))"; do \
	  rmdir "$(DESTDIR)$$d" 2>/dev/null || true; \
	done

# SPDX-License-Identifier: GPL-2.0
#
# Build, boot and test the checkpoint/restart series. `make help` lists the
# targets; README.md explains the workflow.

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -ec

include kernel/base.mk

B        := $(CURDIR)/build
CR_CACHE ?= $(HOME)/.cache/linux-cr
TREE     := $(B)/linux
BISECT   := $(B)/bisect
JOBS     ?= $(shell nproc)

# CONFIG=guest (default) or CONFIG=debug picks the kernel config, and with it
# the object directory, selftest binaries and initramfs.
CONFIG   ?= guest
FRAGS_guest := kernel/configs/guest.config
FRAGS_debug := kernel/configs/guest.config kernel/configs/debug.config
FRAGS_fuzz  := $(FRAGS_debug) kernel/configs/fuzz.config
FRAGS_bench := kernel/configs/guest.config kernel/configs/bench.config
FRAGS    := $(FRAGS_$(CONFIG))
$(if $(FRAGS),,$(error CONFIG must be guest, debug, fuzz or bench))
OBJ      := $(B)/obj-$(CONFIG)
BZIMAGE  := $(OBJ)/arch/x86/boot/bzImage

# ccache: paths relative to the checkout, so a fresh clone in another folder
# (CI) still hits the cache.
CCACHE   := $(shell command -v ccache 2>/dev/null)
export CCACHE_BASEDIR := $(CURDIR)
KBUILD_ENV := KBUILD_BUILD_USER=cr KBUILD_BUILD_HOST=guest \
	      KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 1970"
KMAKE     = $(MAKE) -s -C $(1) O=$(2) -j$(JOBS) $(KBUILD_ENV) \
	    $(if $(CCACHE),CC="ccache gcc" HOSTCC="ccache gcc") \
	    $(if $(filter fuzz,$(CONFIG)),$(GCOV_ARG))

# The objects the fuzz kernel instruments for coverage: those the series adds
# and the existing ones that hold its per-object handlers. GCOV_PROFILE is
# passed to kbuild unexpanded, so that kbuild evaluates it for each object
# ($(obj)/$(target-stem)); a per-object GCOV_PROFILE_x.o := n still wins.
GCOV_OBJS := kernel/checkpoint/% arch/x86/kernel/checkpoint fs/checkpoint% \
	mm/checkpoint fs/eventfd fs/eventpoll fs/pipe fs/signalfd fs/timerfd \
	mm/memfd kernel/time/posix-timers kernel/time/hrtimer kernel/time/itimer \
	kernel/utsname kernel/signal
GCOV_ARG  = 'GCOV_PROFILE=$$(if $$(filter $(GCOV_OBJS),$$(obj)/$$(target-stem)),y,n)'

# git format-patch, pinned so that the same commits always give the same bytes.
FORMAT_PATCH := git -c core.abbrev=12 -c diff.algorithm=myers -c diff.renames=true \
	-c diff.noprefix=false -c diff.mnemonicPrefix=false -c format.signOff=false \
	format-patch -q --zero-commit --no-signature --no-numbered \
	--no-base --stat=80 base..HEAD

# A hash of patches/ as the work tree last saw it (tree, retree, export), to
# notice when patches/ changed under the work tree (a pull, a checkout).
PATCHES_HASH = { cat patches/series $$(sed 's|^|patches/|' patches/series) 2>/dev/null || true; } | sha1sum | cut -c1-40
STAMP_HASH    = $(PATCHES_HASH) > $(TREE)/.git/cr-patches-hash

# git am every patch of patches/series onto the work tree's current branch.
APPLY_SERIES = while read -r p; do \
		case "$$p" in ''|[\#]*) continue ;; esac; \
		git -C $(TREE) am -q --3way $(CURDIR)/patches/$$p || \
			{ echo "$@: $$p does not apply"; exit 1; }; \
	done < patches/series

# What `make test` runs: T=<test binary> to run one, ARGS="-f FIXTURE" (or any
# kselftest harness option) to narrow it further, ENV="VAR=value ..." for
# the environment of the test binaries.
T    ?=
ARGS ?=
ENV  ?=

.PHONY: help deps tree retree export series-status checkpatch bisect-check config \
	kernel initramfs test test-debug fuzz run demo bench bench-base clean distclean

help:
	@echo 'Setup:    make deps            install the Debian packages in kernel/packages'
	@echo 'Series:   make tree            work tree: base commit + one commit per patch'
	@echo '          make retree          rebuild the work tree from patches/ (after a pull)'
	@echo '          make export          work tree commits -> patches/'
	@echo '          make series-status   exit 0 iff the work tree and patches/ agree'
	@echo '          make checkpatch      checkpatch.pl --strict on every patch'
	@echo '          make bisect-check    build the kernel at every patch'
	@echo 'Build:    make kernel [CONFIG=guest|debug|fuzz|bench]'
	@echo 'Test:     make test [T=binary] [ARGS="-f fixture"]   (guest kernel)'
	@echo '                    [ENV="VAR=value ..."]           (environment of the tests)'
	@echo '          make test-debug                            (KASAN, lockdep, kmemleak, ...)'
	@echo '          make fuzz [FUZZ_SECONDS=1800] [FUZZ_SEED=n]  restart(2) fuzzer and its coverage'
	@echo 'Guest:    make run CMD="command" [ADD=dir]'
	@echo '          make demo'
	@echo 'Bench:    make bench [BENCH_REPS=5] [BENCH_SIZES="1 64 512 2048"] [BENCH_BOOTS=3]'
	@echo '                      against CRIU and the base kernel: bench/README.md'

deps:
	@kernel/install-deps kernel/packages

# ---------------------------------------------------------------- series ---

tree: $(TREE)/.git/cr-tree-done

$(TREE)/.git/cr-tree-done:
	@base=$$(kernel/mkbase $(CR_CACHE)); \
	echo "tree: base $$(git -C $$base log -1 --format=%s base)"; \
	rm -rf $(TREE); \
	git clone -q --no-tags $$base $(TREE); \
	git -C $(TREE) fetch -q origin tag base; \
	git -C $(TREE) checkout -q -b series base; \
	echo '.checkpatch-camelcase.*' >> $(TREE)/.git/info/exclude; \
	$(APPLY_SERIES); \
	$(STAMP_HASH); \
	touch $@; \
	echo "tree: $(TREE) at $$(git -C $(TREE) rev-list --count base..HEAD) patches"

# After patches/ changed under the work tree (a pull, a checkout): re-apply
# patches/ on the base in the work tree. The old commits stay reachable as
# branch series-old-<time>; uncommitted changes make it refuse.
retree: tree
	@if [ -n "$$(git -C $(TREE) status --porcelain)" ]; then \
		echo "retree: uncommitted changes in $(TREE); commit or drop them"; exit 1; fi
	@old=series-old-$$(date +%Y%m%d-%H%M%S); \
	git -C $(TREE) branch -q $$old HEAD; \
	git -C $(TREE) checkout -q -B series base; \
	$(APPLY_SERIES); \
	$(STAMP_HASH); \
	echo "retree: $(TREE) at $$(git -C $(TREE) rev-list --count base..HEAD) patches; previous commits on branch $$old"

export: tree
	@kernel/export $(TREE) patches kernel/cover-letter $(FORMAT_PATCH)
	@$(STAMP_HASH)

series-status:
	@kernel/series-status $(TREE) patches $(FORMAT_PATCH)

# checkpatch runs scripts/spdxcheck.py with the python3 first in PATH; it needs
# Debian's (python3-ply, python3-git), not one a version manager put first.
# FILE_PATH_CHANGES ("does MAINTAINERS need updating?") fires for every new
# file of a patch that does not touch MAINTAINERS, even one under a directory
# the CHECKPOINT/RESTART entry lists (kernel/checkpoint/): a patch that adds a
# file outside the entry's F: lines adds the line itself.
checkpatch: tree
	@cd $(TREE) && export PATH=/usr/bin:/bin:$$PATH && fail=0; \
	while read -r p; do \
		case "$$p" in ''|\#*) continue ;; esac; \
		out=$$(scripts/checkpatch.pl --strict --no-summary --terse \
			--ignore FILE_PATH_CHANGES \
			--showfile $(CURDIR)/patches/$$p) || fail=1; \
		[ -z "$$out" ] || echo "$$out"; \
	done < $(CURDIR)/patches/series; \
	[ $$fail -eq 0 ] && echo "checkpatch: $$(grep -c . $(CURDIR)/patches/series) patches, 0 errors, 0 warnings, 0 checks"

bisect-check: tree
	@kernel/bisect-check $(TREE) $(BISECT) $(B)/obj-bisect "$(JOBS)" "$(CCACHE)" $(FRAGS_guest)

# ---------------------------------------------------------------- kernel ---

config: tree
	@[ "$$($(PATCHES_HASH))" = "$$(cat $(TREE)/.git/cr-patches-hash 2>/dev/null)" ] || \
		echo "warning: patches/ changed since the work tree last saw it (a pull?):" \
		     "make retree to apply it, or make export if the work tree is newer"
	@kernel/mkconfig $(TREE) $(OBJ) $(FRAGS)

kernel: config
	@echo "kernel: $(LINUX_PKG) $$(dpkg-query -W -f='$${Version}' $(LINUX_PKG)), \
	series at $$(git -C $(TREE) describe --always --tags), CONFIG=$(CONFIG)"
	@$(call KMAKE,$(TREE),$(OBJ)) bzImage
	@$(call KMAKE,$(TREE),$(OBJ)) headers
	@echo "kernel: $(BZIMAGE)"

# ----------------------------------------------------------------- guest ---

test: deps
	@$(MAKE) -s checkpatch
	@$(MAKE) -s kernel CONFIG=$(CONFIG)
	@selftests/run --config $(CONFIG) $(if $(T),--test $(T)) $(if $(ARGS),--args "$(ARGS)") \
		$(if $(ENV),--env "$(ENV)")

test-debug:
	@$(MAKE) -s test CONFIG=debug

# A long run of the restart(2) fuzzer on the fuzz kernel (the debug kernel
# with the series' objects instrumented by gcov), then the lines and
# functions of the series it reached; the suite runs a short one with a
# fixed seed. A finding names the seed and input that replay it:
# make test-debug T=restart_fuzz ENV="FUZZ_SEED=s FUZZ_ONLY=i".
FUZZ_SECONDS ?= 1800
FUZZ_SEED    ?= $(shell date +%s)
fuzz: deps
	@$(MAKE) -s kernel CONFIG=fuzz
	@rm -rf $(B)/run-fuzz/gcov
	@rc=0; selftests/run --config fuzz --test restart_fuzz --no-splat-proof --verbose \
		--timeout $$(($(FUZZ_SECONDS) + 1200)) --gcov $(B)/run-fuzz/gcov \
		--env "FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_EXECS=0 FUZZ_SEED=$(FUZZ_SEED) FUZZ_MINIMISE_SECONDS=120" || rc=$$?; \
	selftests/coverage $(TREE) $(B)/obj-fuzz $(B)/run-fuzz/gcov || rc=1; exit $$rc

initramfs: kernel
	@initramfs/build --config $(CONFIG) >/dev/null

run: initramfs
	@qemu/run --config $(CONFIG) $(if $(ADD),--add $(ADD)) --cmd $(call shquote,$(CMD))

demo: deps
	@$(MAKE) -s kernel CONFIG=guest
	@qemu/demo

# ------------------------------------------------------------ benchmarks ---

# The base kernel of the cost benchmarks: the base commit, without the
# series, in a worktree of the work tree, built from the bench config.
BASE_SRC := $(B)/base-src
BASE_OBJ := $(B)/obj-bench-base

bench-base: tree
	@if [ ! -f $(BASE_SRC)/Makefile ]; then \
		rm -rf $(BASE_SRC); git -C $(TREE) worktree prune; \
		git -C $(TREE) worktree add -q --detach $(BASE_SRC) base; fi
	@kernel/mkconfig $(BASE_SRC) $(BASE_OBJ) $(FRAGS_bench) | grep -v -e CONFIG_CHECKPOINT= -e 'requested option(s) not in' || true
	@echo "kernel: base $$(git -C $(BASE_SRC) log -1 --format=%s), CONFIG=bench"
	@$(call KMAKE,$(BASE_SRC),$(BASE_OBJ)) bzImage

bench: deps
	@$(MAKE) -s kernel CONFIG=bench
	@$(MAKE) -s bench-base
	@bench/run --base-kernel $(BASE_OBJ)/arch/x86/boot/bzImage

clean:
	rm -rf $(B)/obj-* $(B)/selftests-* $(B)/initramfs-* $(B)/run-*

distclean:
	rm -rf $(B)

shquote = '$(subst ','\'',$(1))'

# The base kernel the series applies to: Linux 6.12 LTS as Debian ships it in
# the linux-source-6.12 package (the only kernel source our machines reach).
# LINUX_PKG_VERSION is the version the series was last exported against; the
# build log records the version actually installed, and `make tree` warns when
# the two differ.
LINUX_PKG         := linux-source-6.12
LINUX_PKG_VERSION := 6.12.117-1~deb12u1
LINUX_TARBALL     := /usr/src/linux-source-6.12.tar.xz
LINUX_TOPDIR      := linux-source-6.12

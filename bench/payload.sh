# SPDX-License-Identifier: GPL-2.0
# The benchmarks, run inside the guest by bench/run. Prints one line per
# measurement:
#   BENCH <row> <tool> <what> <param> <value>
# times in ns, sizes in bytes, bandwidth in MB/s. A restored workload checks
# every word of its memory; a copy that fails it prints BENCH-FAIL and the
# run fails. BENCH_REPS, BENCH_SIZES and BENCH_PART (mem, tree, stream or
# all) come from bench/run.
reps=${BENCH_REPS:-5}
sizes=${BENCH_SIZES:-"1 64 512 2048"}
part=${BENCH_PART:-all}
img=/tmp/img
ready=/tmp/ready
fail=0

emit() { echo "BENCH $*"; }

# Start the workload (memhog ARGS...) in a session of its own, its output
# nowhere: both tools then take exactly the process tree and nothing else.
# Prints its pid.
start_workload() {
	rm -f "$ready" "$ready.check"
	setsid memhog "$@" "$ready" </dev/null >/dev/null 2>&1 &
	while [ ! -s "$ready" ]; do usleep 20000; done
	cat "$ready"
}

# Wake the restored workload at PID; it checks its memory and says how.
check_restored() {
	kill -USR1 "$1" || { echo "BENCH-FAIL $2: no restored process $1"; fail=1; return; }
	while [ ! -s "$ready.check" ]; do usleep 20000; done
	[ "$(cat "$ready.check")" = ok ] || { echo "BENCH-FAIL $2: restored memory differs"; fail=1; }
	while kill -0 "$1" 2>/dev/null; do usleep 20000; done
}

ns() { cat /tmp/t.ns; }

# MB/s of the kernel's own copy: read(2) of a cached MIB MiB tmpfs file into
# a user buffer, best of 5. Both tools copy pages with the kernel's copy
# routines, which under TCG run far below the userspace memcpy (vector
# instructions) that memcpy_bw measures.
kcopy_bw() {
	local best=0 bw i
	mkdir -p "$img"
	dd if=/dev/zero of="$img/kcopy" bs=1M count="$1" 2>/dev/null
	for i in 1 2 3 4 5; do
		timeit /tmp/t.ns dd if="$img/kcopy" of=/dev/null bs=1M 2>/dev/null
		bw=$(($1 * 1048576 * 1000 / $(ns)))
		[ "$bw" -gt "$best" ] && best=$bw
	done
	rm -f "$img/kcopy"
	echo "$best"
}

dir_bytes() {
	local total=0 f
	for f in "$1"/*; do total=$((total + $(stat -c %s "$f"))); done
	echo $total
}

# One checkpoint with kill and one restart of the running workload, by
# TOOL: ROW PARAM TOOL. Emits ckpt, restore and size.
cycle() {
	local row=$1 param=$2 tool=$3 pid=$4
	rm -rf "$img"; mkdir -p "$img"
	case $tool in
	ours)
		timeit /tmp/t.ns cr checkpoint --kill -o "$img/ours.img" "$pid" ||
			{ echo "BENCH-FAIL $row $param ours: checkpoint"; fail=1; return; }
		emit "$row ours ckpt $param $(ns)"
		emit "$row ours size $param $(stat -c %s "$img/ours.img")"
		while kill -0 "$pid" 2>/dev/null; do usleep 10000; done
		timeit /tmp/t.ns cr restart --detach -i "$img/ours.img" >/dev/null ||
			{ echo "BENCH-FAIL $row $param ours: restart"; fail=1; return; }
		emit "$row ours restore $param $(ns)"
		# The same image through a pipe: read in order, where from the
		# file workers fill the memory in parallel. cat's copy counts.
		if [ "$row" = mem ]; then
			check_restored "$pid" "$row $param ours"
			rm -f "$ready.check"
			timeit /tmp/t.ns sh -c "cat $img/ours.img | cr restart --detach >/dev/null" ||
				{ echo "BENCH-FAIL $row $param ours: restart through a pipe"; fail=1; return; }
			emit "$row ours restore-pipe $param $(ns)"
		fi
		;;
	criu)
		timeit /tmp/t.ns criu dump -t "$pid" -D "$img" -o dump.log ||
			{ echo "BENCH-FAIL $row $param criu: dump"; tail -5 "$img/dump.log"; fail=1; return; }
		emit "$row criu ckpt $param $(ns)"
		rm -f "$img/dump.log"
		emit "$row criu size $param $(dir_bytes "$img")"
		while kill -0 "$pid" 2>/dev/null; do usleep 10000; done
		timeit /tmp/t.ns criu restore -D "$img" -d -o restore.log ||
			{ echo "BENCH-FAIL $row $param criu: restore"; tail -5 "$img/restore.log"; fail=1; return; }
		emit "$row criu restore $param $(ns)"
		;;
	esac
	check_restored "$pid" "$row $param $tool"
	rm -rf "$img"
}

# Both tools on the same workload, alternating which goes first.
both() {
	local row=$1 param=$2 rep=$3 tools=$4 pid
	shift 4
	[ $((rep % 2)) -eq 0 ] && tools=$(echo $tools | awk '{for (i = NF; i; i--) printf "%s ", $i}')
	for tool in $tools; do
		pid=$(start_workload "$@")
		cycle "$row" "$param" "$tool" "$pid"
	done
}

criu check >/tmp/criu-check.log 2>&1 || { echo "BENCH-NOTE criu check:"; tail -3 /tmp/criu-check.log; }
emit "memcpy - bw 512 $(memcpy_bw 512)"
emit "kcopy - bw 512 $(kcopy_bw 512)"

if [ "$part" = all ] || [ "$part" = mem ]; then
	for size in $sizes; do
		for rep in $(seq 1 "$reps"); do
			both mem "$size" "$rep" "ours criu" "$size"
		done
	done
fi

if [ "$part" = all ] || [ "$part" = tree ]; then
	for shape in p1 p16 p64 t16; do
		case $shape in
		p*) args="-p ${shape#p} 4" ;;
		t*) args="-t ${shape#t} 4" ;;
		esac
		for rep in $(seq 1 "$reps"); do
			both tree "$shape" "$rep" "ours criu" $args
		done
	done
fi

if [ "$part" = all ] || [ "$part" = stream ]; then
	for rep in $(seq 1 "$reps"); do
		# Ours: checkpoint into a pipe that a restart in a new pid
		# namespace reads as it comes.
		pid=$(start_workload 512)
		timeit /tmp/t.ns sh -c "cr checkpoint --kill $pid | cr restart --pidns --detach > /tmp/init.pid" ||
			{ echo "BENCH-FAIL stream ours"; fail=1; }
		emit "stream ours total 512 $(ns)"
		init=$(cat /tmp/init.pid)
		copy=$(cat /proc/"$init"/task/"$init"/children)
		check_restored ${copy% } "stream ours"
		# CRIU streams through a separate image streamer Debian does
		# not ship: its way on one machine is a dump to tmpfs and a
		# restore from it.
		pid=$(start_workload 512)
		rm -rf "$img"; mkdir -p "$img"
		timeit /tmp/t.ns sh -c "criu dump -t $pid -D $img -o dump.log && criu restore -D $img -d -o restore.log" ||
			{ echo "BENCH-FAIL stream criu"; fail=1; }
		emit "stream criu total 512 $(ns)"
		check_restored "$pid" "stream criu"
		rm -rf "$img"
	done
fi

emit "memcpy - bw 512 $(memcpy_bw 512)"
emit "kcopy - bw 512 $(kcopy_bw 512)"
exit $fail

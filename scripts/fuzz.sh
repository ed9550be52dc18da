#!/usr/bin/env bash
# Fuzzes the parsers of untrusted input with libFuzzer: NIP, NIK, the CSV reader, the screening
# normalizer, the JSONL post reader and the upload container walker. Each target runs SECONDS seconds (default 30; CI runs a short pass, a longer run is
# `scripts/fuzz.sh 3600`). Crashes are written to fuzz-output/<target>/ and fail the script; copy one into
# Tests/NetraCoreTests/Fixtures/fuzz/<target>/ with the fix so it is replayed on every run. The seed is fixed
# (FUZZ_SEED, default 1) so that CI explores the same inputs each time; vary it for longer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-30}"
export PATH="/opt/swift/usr/bin:$PATH"
swift build --scratch-path .build-fuzz --product netra-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 | grep -v "ld.gold: warning" | tail -n 2
binary=.build-fuzz/debug/netra-fuzz
status=0
for target in nip nik csv screening postline container; do
  out="fuzz-output/$target"
  corpus="$out/corpus"
  mkdir -p "$corpus"
  case "$target" in
    csv) max_len=4096
         for file in Tests/NetraCoreTests/Fixtures/registry/*.csv; do head -c 2000 "$file" > "$corpus/$(basename "$file")"; done ;;
    screening) max_len=1024
         head -n 40 Tests/NetraCoreTests/Fixtures/screening/posts-dev.jsonl | python3 -c '
import json, sys
for number, line in enumerate(sys.stdin):
    open(sys.argv[1] + "/post-%02d" % number, "w").write(json.loads(line).get("text") or "")' "$corpus" ;;
    container) max_len=2048
         python3 - "$corpus" <<'SEEDS'
import struct, sys, zlib
def chunk(kind, data): return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
def box(kind, body): return struct.pack(">I", 8 + len(body)) + kind + body
seeds = {
    "png": b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 6, 0, 0, 0)) + chunk(b"IEND", b""),
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00foto\xff\xd9",
    "mp4": box(b"ftyp", b"isom\x00\x00\x02\x00") + box(b"moov", b""),
    "gif": b"GIF89a\x02\x00\x02\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x02\x00\x02\x00\x00\x02\x02\x4c\x01\x00\x3b",
    "ogg": b"OggS\x00\x02" + bytes(20) + b"\x01\x03\x01\x02\x03",
}
for name, data in seeds.items(): open(sys.argv[1] + "/" + name, "wb").write(data)
SEEDS
         ;;
    postline) max_len=2048
         head -n 40 Tests/NetraCoreTests/Fixtures/screening/posts-dev.jsonl | split -l 1 - "$corpus/line-" ;;
    *) max_len=256
       printf '198001012005011001' > "$corpus/nip"; printf '19800101 200501 1 001' > "$corpus/nip-grouped"
       printf '3201014101800001' > "$corpus/nik" ;;
  esac
  # Inputs that once broke a property are replayed first, every run.
  cp Tests/NetraCoreTests/Fixtures/fuzz/"$target"/* "$corpus/" 2>/dev/null || true
  echo "== fuzz $target (${SECONDS_PER_TARGET}s) =="
  if ! NETRA_FUZZ_TARGET="$target" "$binary" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -max_len="$max_len" -timeout=10 -seed="${FUZZ_SEED:-1}" \
      -artifact_prefix="$out/" -print_final_stats=1 > "$out/log" 2>&1; then
    echo "fuzz target $target failed:"; tail -n 40 "$out/log"; status=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$out/log" | tail -n 2
  fi
done
exit "$status"

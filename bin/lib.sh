# shellcheck shell=bash disable=SC2034  # variables set here are read by bin/run, bin/test
# Shared functions of bin/run and bin/test. Source it, do not execute it.
#
# Nothing here installs Odoo or PostgreSQL: Odoo 18.0 and the PostgreSQL 15
# binaries are prerequisites that these functions only LOCATE (see README.md).
# Everything the scripts create lives in var/ (ignored by git), except the
# PostgreSQL socket directory, which must be short (see mkt_pg_paths).
#
# Developer aids (environment variables, all optional):
#   ODOO_SRC               an Odoo 18.0 source tree (directory with odoo-bin)
#   MKT_NO_WELL_KNOWN=1    do not look in the well-known Odoo locations
#                          (to see how the scripts behave without Odoo)
#   MKT_EXTRA_ADDONS_PATH  comma-separated extra addons directories; their
#                          installable addons are installed and tested too
#   MKT_ADDONS             space- or comma-separated addon names: install and
#                          test only these instead of every addon found
#   MKT_PG_BIN             PostgreSQL binaries (default /usr/lib/postgresql/15/bin)
#   MKT_PG_PORT            port number of the cluster's unix socket (default 5432)

# Repository root: the parent of the directory holding this file.
MKT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
MKT_VAR="$MKT_ROOT/var"
export TZ=UTC # odoo-bin sets it too; `python -m odoo` does not
# runuser and useradd live in sbin, which CI's minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

# ---------------------------------------------------------------- logging
mkt_info() { printf '==> %s\n' "$*"; }
mkt_warn() { printf 'WARNING: %s\n' "$*" >&2; }
mkt_die() {
	printf 'ERROR: %s\n' "$*" >&2
	exit 1
}
# A banner that stands out in a long CI log.
mkt_banner() {
	local line="########################################################################"
	printf '\n%s\n## %s\n%s\n' "$line" "$*" "$line"
}

# ------------------------------------------------------------ virtualenvs

# sha256 of a requirements file together with the files it includes with
# "-r" (one level, relative to the file), so that a change of
# requirements.txt also re-installs the venv made from requirements-test.txt.
mkt_requirements_hash() {
	local req="$1" dir inc
	dir="$(dirname "$req")"
	{
		cat "$req"
		while read -r inc; do
			[[ -f "$dir/$inc" ]] && cat "$dir/$inc"
		done < <(sed -nE 's/^[[:space:]]*(-r|--requirement)[[:space:]=]+([^[:space:]#]+).*/\2/p' "$req")
	} | sha256sum | cut -d' ' -f1
}

# mkt_venv DIR REQUIREMENTS: create the venv when missing and run pip only when
# the requirements' hash differs from the stamp left in the venv by the last
# successful install. A lock serialises concurrent bin/run and bin/test.
mkt_venv() {
	local venv="$1" req="$2" stamp want have="" rc=0 lockfd log
	stamp="$venv/.mkt-requirements.sha256"
	mkdir -p "$MKT_VAR"
	want="$(mkt_requirements_hash "$req")"
	[[ -f "$stamp" ]] && have="$(cat "$stamp")"
	if [[ -x "$venv/bin/python" && "$have" == "$want" ]]; then
		return 0
	fi
	exec {lockfd}>"$venv.lock"
	flock "$lockfd"
	# Someone may have finished the install while we waited for the lock.
	[[ -f "$stamp" ]] && have="$(cat "$stamp")"
	if [[ -x "$venv/bin/python" && "$have" == "$want" ]]; then
		exec {lockfd}>&-
		return 0
	fi
	mkt_wait_foreign_pip "$venv"
	if [[ ! -x "$venv/bin/python" ]]; then
		mkt_info "creating $venv"
		python3 -m venv "$venv" || rc=$?
	fi
	# pip's chatter goes to a log, shown only when the install fails.
	log="$MKT_VAR/log/pip-$(basename "$venv")-$(date +%Y%m%d-%H%M%S).log"
	mkdir -p "$MKT_VAR/log"
	if ((rc == 0)); then
		mkt_info "installing $(basename "$req") into $venv (requirements changed or first run; log $log)"
		"$venv/bin/python" -m pip install --disable-pip-version-check -r "$req" >"$log" 2>&1 || rc=$?
	fi
	if ((rc == 0)); then
		printf '%s\n' "$want" >"$stamp"
	else
		grep -v "^WARNING: Location" "$log" | tail -n 30 >&2
		mkt_warn "installing $req into $venv failed (exit $rc, log $log)"
	fi
	exec {lockfd}>&-
	return "$rc"
}

# A pip started by hand (not through this lock) may still be filling the venv:
# wait for it rather than install over it (at most 20 minutes).
mkt_wait_foreign_pip() {
	local venv="$1" waited=0
	while pgrep -f -- "^[^ ]*$venv/bin/(pip|python)[^ ]* .*pip install" >/dev/null 2>&1 ||
		pgrep -f -- "^[^ ]*$venv/bin/pip[0-9.]* " >/dev/null 2>&1; do
		((waited == 0)) && mkt_info "another pip is installing into $venv: waiting for it"
		((waited >= 1200)) && {
			mkt_warn "still busy after 20 minutes, going on"
			return 0
		}
		sleep 5
		waited=$((waited + 5))
	done
}

# ------------------------------------------------------------------ Odoo

# Is DIR/odoo an Odoo 18.0 package? (DIR is the directory holding the package.)
mkt_is_odoo18() {
	[[ -f "$1/odoo/release.py" ]] &&
		grep -Eq '^version_info = \(18, 0,' "$1/odoo/release.py"
}

# mkt_locate_odoo [VENV_PYTHON]: sets
#   ODOO_DIR     directory that contains the `odoo` package (source tree root)
#   ODOO_BIN     its odoo-bin, or "" when there is none (Debian package)
#   ODOO_ADDONS  comma-separated standard addons directories
#   ODOO_CMD     array: command that runs Odoo with the venv's python
#   ODOO_HOW     how it was found (for messages)
# Order: $ODOO_SRC, an `odoo` importable by the venv's python, then the
# well-known locations /opt/odoo18, /opt/odoo, ../odoo and the Debian package.
# Returns 1 and sets MKT_REASON when there is no Odoo 18.0.
mkt_locate_odoo() {
	local py="${1:-$MKT_VAR/venv/bin/python}" cand out pth
	ODOO_DIR="" ODOO_BIN="" ODOO_ADDONS="" ODOO_HOW="" MKT_REASON=""
	ODOO_CMD=()

	if [[ -n "${ODOO_SRC:-}" ]]; then
		if [[ -f "$ODOO_SRC/odoo-bin" ]] && mkt_is_odoo18 "$ODOO_SRC"; then
			ODOO_DIR="$(cd "$ODOO_SRC" && pwd -P)" ODOO_HOW="ODOO_SRC"
		else
			mkt_warn "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (no odoo-bin or not 18.0): ignoring it"
		fi
	fi

	# Our own .pth (written below) must not count as "importable": remove it
	# so that the search is the same on every run; it is rewritten at the end.
	if [[ -z "$ODOO_DIR" && -x "$py" ]]; then
		pth="$(mkt_odoo_pth "$py")"
		rm -f "$pth"
		if out="$(cd / && "$py" -c 'import os, odoo.release as r
print("%d.%d" % tuple(r.version_info[:2]))
print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))' 2>/dev/null)"; then
			if [[ "$(head -n1 <<<"$out")" == "18.0" ]]; then
				ODOO_DIR="$(tail -n1 <<<"$out")" ODOO_HOW="importable by $py"
			else
				mkt_warn "the odoo importable by $py is $(head -n1 <<<"$out"), not 18.0: ignoring it"
			fi
		fi
	fi

	if [[ -z "$ODOO_DIR" && "${MKT_NO_WELL_KNOWN:-}" != 1 ]]; then
		for cand in /opt/odoo18 /opt/odoo "$MKT_ROOT/../odoo"; do
			if [[ -f "$cand/odoo-bin" ]] && mkt_is_odoo18 "$cand"; then
				ODOO_DIR="$(cd "$cand" && pwd -P)" ODOO_HOW="well-known location $cand"
				break
			fi
		done
		if [[ -z "$ODOO_DIR" ]] && mkt_is_odoo18 /usr/lib/python3/dist-packages; then
			ODOO_DIR=/usr/lib/python3/dist-packages ODOO_HOW="Debian package"
		fi
	fi

	if [[ -z "$ODOO_DIR" ]]; then
		MKT_REASON="no Odoo 18.0 found: set ODOO_SRC to an Odoo 18.0 source tree (see README)"
		return 1
	fi

	ODOO_ADDONS="$ODOO_DIR/odoo/addons"
	# A git checkout of Odoo keeps most addons in <root>/addons.
	if [[ -f "$ODOO_DIR/odoo-bin" && -d "$ODOO_DIR/addons" ]]; then
		ODOO_ADDONS="$ODOO_DIR/addons,$ODOO_ADDONS"
	fi
	if [[ -f "$ODOO_DIR/odoo-bin" ]]; then
		ODOO_BIN="$ODOO_DIR/odoo-bin"
		ODOO_CMD=("$py" "$ODOO_BIN")
	else
		ODOO_CMD=("$py" -m odoo)
	fi
	mkt_odoo_importable "$py"
	mkt_info "Odoo 18.0: $ODOO_DIR ($ODOO_HOW)"
}

# Path of the .pth file through which the venv imports the located Odoo.
mkt_odoo_pth() {
	printf '%s/mkt_odoo.pth\n' "$("$1" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
}

# Make the located Odoo importable by the venv (pytest-odoo imports it):
# a .pth pointing at the source tree. The Debian package directory holds all
# of Debian's Python packages, so it is reached through a one-entry shim dir.
mkt_odoo_importable() {
	local py="$1" target="$ODOO_DIR"
	[[ "$ODOO_HOW" == importable* ]] && return 0
	[[ -x "$py" ]] || return 0
	if [[ "$ODOO_DIR" == /usr/lib/python3/dist-packages ]]; then
		target="$MKT_VAR/odoo-shim"
		mkdir -p "$target"
		ln -sfn "$ODOO_DIR/odoo" "$target/odoo"
	fi
	printf '%s\n' "$target" >"$(mkt_odoo_pth "$py")"
}

# Every addon to install and test: the installable ones (manifest present,
# "installable" not False) under addons/ and the MKT_EXTRA_ADDONS_PATH dirs,
# or only those named in MKT_ADDONS. One name per line.
mkt_addons() {
	local dirs=("$MKT_ROOT/addons") d
	if [[ -n "${MKT_EXTRA_ADDONS_PATH:-}" ]]; then
		IFS=',' read -r -a extra <<<"$MKT_EXTRA_ADDONS_PATH"
		for d in "${extra[@]}"; do [[ -n "$d" ]] && dirs+=("$d"); done
	fi
	python3 - "${MKT_ADDONS:-}" "${dirs[@]}" <<'PY'
import ast, pathlib, sys
only = set(sys.argv[1].replace(",", " ").split())
for root in sys.argv[2:]:
    for manifest in sorted(pathlib.Path(root).glob("*/__manifest__.py")):
        name = manifest.parent.name
        try:
            data = ast.literal_eval(manifest.read_text(encoding="utf-8"))
        except (SyntaxError, ValueError) as exc:
            # Still listed: the install then fails loudly instead of
            # the addon being silently left out.
            print(f"WARNING: {manifest}: {exc}", file=sys.stderr)
            data = {}
        if data.get("installable", True) and (not only or name in only):
            print(name)
PY
}

# addons_path: ours first, then the extra dirs, then Odoo's (absolute paths).
mkt_addons_path() {
	local path="$MKT_ROOT/addons" d
	if [[ -n "${MKT_EXTRA_ADDONS_PATH:-}" ]]; then
		IFS=',' read -r -a extra <<<"$MKT_EXTRA_ADDONS_PATH"
		for d in "${extra[@]}"; do
			[[ -n "$d" ]] && path+=",$(cd "$d" && pwd -P)"
		done
	fi
	printf '%s,%s\n' "$path" "$ODOO_ADDONS"
}

# mkt_write_conf PURPOSE [key=value ...]: var/odoo-PURPOSE.conf = the
# committed odoo.conf plus this machine's values (paths, database socket).
# Prints the file's path.
mkt_write_conf() {
	local purpose="$1" out
	shift
	out="$MKT_VAR/odoo-$purpose.conf"
	mkdir -p "$MKT_VAR/filestore"
	python3 - "$MKT_ROOT/odoo.conf" "$out" \
		"addons_path=$(mkt_addons_path)" \
		"db_host=$PG_SOCKDIR" "db_port=$PG_PORT" "db_user=odoo" \
		"data_dir=$MKT_VAR/filestore" "$@" <<'PY'
import configparser, sys
src, out, *pairs = sys.argv[1:]
cp = configparser.RawConfigParser()  # Odoo reads it the same way
if not cp.read(src, encoding="utf-8"):
    sys.exit(f"cannot read {src}")
if not cp.has_section("options"):
    cp.add_section("options")
for pair in pairs:
    key, value = pair.split("=", 1)
    cp.set("options", key, value)
with open(out, "w", encoding="utf-8") as f:
    f.write("# GENERATED by bin/lib.sh from odoo.conf: edit odoo.conf, not this.\n")
    cp.write(f)
PY
	printf '%s\n' "$out"
}

# A TCP port on 127.0.0.1 that is free right now.
mkt_free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# ------------------------------------------------------------- PostgreSQL

PG_BIN="${MKT_PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_PORT="${MKT_PG_PORT:-5432}"
PG_OS_USER=mktpg # used only when running as root: PostgreSQL refuses root
MKT_PG_STARTED=0

# Are the PostgreSQL 15 binaries there? Sets MKT_REASON when not.
mkt_need_pg() {
	local b
	for b in initdb pg_ctl postgres createdb dropdb psql; do
		if [[ ! -x "$PG_BIN/$b" ]]; then
			MKT_REASON="PostgreSQL 15 binaries not found in $PG_BIN: apt-get install postgresql-15"
			return 1
		fi
	done
	export PATH="$PG_BIN:$PATH"
}

# Run a server-side PostgreSQL command (initdb, pg_ctl) as the cluster owner.
mkt_pg_as_owner() {
	if ((EUID == 0)); then
		# From /: the owner may not be allowed into the current directory.
		(cd / && runuser -u "$PG_OS_USER" -- "$@")
	else
		"$@"
	fi
}

# Decide where the cluster lives. The socket directory is short because unix
# socket paths are limited to about 100 characters, and derived from the repo
# path so that two checkouts never share a cluster.
mkt_pg_paths() {
	local hash
	hash="$(printf '%s' "$MKT_ROOT" | sha1sum | cut -c1-8)"
	PG_SOCKDIR="/tmp/mktpg-$hash"
	PGDATA="$MKT_VAR/pgdata"
	PG_FALLBACK="/var/tmp/mktpg-$hash"
	# Once the cluster was made in the fallback place, keep using it.
	if [[ ! -f "$PGDATA/PG_VERSION" && -f "$PG_FALLBACK/pgdata/PG_VERSION" ]]; then
		PGDATA="$PG_FALLBACK/pgdata"
	fi
	export PGHOST="$PG_SOCKDIR" PGPORT="$PG_PORT" PGUSER=odoo PGDATABASE=postgres
}

# Root only: the OS user that owns the cluster, and a data directory it can
# reach (if a parent of the repo is not traversable by others, the data
# directory goes to /var/tmp/mktpg-<hash>/pgdata instead).
mkt_pg_owner_setup() {
	if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
		mkt_info "creating system user $PG_OS_USER to own the PostgreSQL cluster"
		useradd --system --user-group --no-create-home --home-dir /nonexistent \
			--shell /usr/sbin/nologin "$PG_OS_USER" || return 1
	fi
	if [[ "$PGDATA" == "$MKT_VAR/pgdata" && ! -f "$PGDATA/PG_VERSION" ]]; then
		mkdir -p "$PGDATA"
		chown "$PG_OS_USER:" "$PGDATA"
		chmod 700 "$PGDATA"
		if ! runuser -u "$PG_OS_USER" -- test -w "$PGDATA" -a -x "$PGDATA"; then
			rmdir "$PGDATA"
			PGDATA="$PG_FALLBACK/pgdata"
			mkt_info "user $PG_OS_USER cannot reach $MKT_VAR (a parent is not traversable): the cluster goes to $PGDATA instead"
		fi
	fi
	if [[ "$PGDATA" == "$PG_FALLBACK/pgdata" ]]; then
		mkdir -p "$PGDATA"
		chown "$PG_OS_USER:" "$PG_FALLBACK" "$PGDATA"
		chmod 700 "$PG_FALLBACK" "$PGDATA"
	fi
}

# mkt_pg_start: the cluster exists (initdb once) and runs. Sets
# MKT_PG_STARTED=1 when this call started it, so the caller can stop it.
mkt_pg_start() {
	local owner
	mkt_need_pg || return 1
	mkt_pg_paths
	if ((EUID == 0)); then
		mkt_pg_owner_setup || return 1
		owner="$PG_OS_USER"
	else
		mkdir -p "$PGDATA"
		owner="$(id -un)"
	fi

	# The socket directory: ours, or refuse (it is in world-writable /tmp).
	mkdir -p "$PG_SOCKDIR"
	[[ $EUID -eq 0 ]] && chown "$owner:" "$PG_SOCKDIR"
	if [[ "$(stat -c %U "$PG_SOCKDIR")" != "$owner" ]]; then
		MKT_REASON="$PG_SOCKDIR belongs to $(stat -c %U "$PG_SOCKDIR"), not $owner: remove it"
		return 1
	fi
	chmod 755 "$PG_SOCKDIR"

	if [[ ! -f "$PGDATA/PG_VERSION" ]]; then
		mkt_info "creating the PostgreSQL cluster in $PGDATA"
		mkt_pg_as_owner "$PG_BIN/initdb" -D "$PGDATA" -U odoo --auth=trust \
			--locale=C.UTF-8 --encoding=UTF8 >"$MKT_VAR/initdb.log" 2>&1 || {
			cat "$MKT_VAR/initdb.log" >&2
			MKT_REASON="initdb failed (see $MKT_VAR/initdb.log)"
			return 1
		}
		# Unix socket only: nothing listens on the network. The data is
		# disposable (var/), so commits need not wait for the disk.
		mkt_pg_as_owner tee -a "$PGDATA/postgresql.conf" >/dev/null <<-'EOF'

			# added by bin/lib.sh
			listen_addresses = ''
			synchronous_commit = off
		EOF
	fi

	if ! mkt_pg_as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
		mkt_info "starting PostgreSQL (socket $PG_SOCKDIR, port $PG_PORT)"
		# Socket dir and port are passed at each start: they follow the repo path.
		if ! mkt_pg_as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
			-o "-k $PG_SOCKDIR -p $PG_PORT" start >/dev/null; then
			mkt_pg_as_owner tail -n 20 "$PGDATA/server.log" >&2 || true
			MKT_REASON="PostgreSQL did not start (see $PGDATA/server.log)"
			return 1
		fi
		MKT_PG_STARTED=1
	fi
	if ! "$PG_BIN/pg_isready" -q; then
		MKT_REASON="PostgreSQL runs but does not answer on $PG_SOCKDIR port $PG_PORT (started from another checkout path?)"
		return 1
	fi
}

mkt_pg_stop() {
	mkt_info "stopping PostgreSQL"
	mkt_pg_as_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
}

mkt_db_exists() {
	[[ "$(psql -XtAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

# Names (of those given) that are not installed in database $1; all of them
# when the database is not an initialised Odoo database.
mkt_db_missing_addons() {
	local db="$1" a installed
	shift
	installed="$(psql -XtA -d "$db" -c "SELECT name FROM ir_module_module WHERE state = 'installed'" 2>/dev/null)" || installed=""
	for a in "$@"; do
		grep -qx -- "$a" <<<"$installed" || printf '%s\n' "$a"
	done
}

# Drop a database and its filestore.
mkt_drop_db() {
	dropdb --if-exists --force "$1" >/dev/null 2>&1 || mkt_warn "could not drop database $1"
	rm -rf "$MKT_VAR/filestore/filestore/$1"
}

# Shared by scripts/test and scripts/demo; sourced from the repository root.

VENV=.venv
BIN=build/gokernel

# ensure_venv creates .venv and installs tests/requirements.txt into it,
# again whenever the requirements change.
ensure_venv() {
	local stamp="$VENV/.requirements"
	if [[ ! -x "$VENV/bin/python" ]]; then
		echo "== creating $VENV"
		python3 -m venv "$VENV"
	fi
	if ! cmp -s tests/requirements.txt "$stamp"; then
		echo "== installing tests/requirements.txt into $VENV"
		"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
		cp tests/requirements.txt "$stamp"
	fi
}

# build_kernel builds the kernel binary into $BIN.
build_kernel() {
	mkdir -p "$(dirname "$BIN")"
	go build -o "$BIN" .
}

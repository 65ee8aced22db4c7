# Targets mirror the README's two commands.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_TEXT ?= 2023年项目支出绩效目标申报表。年度本级预算250万元,实施期2023.07-2024.01。通过采购雾炮车降尘抑尘服务,配备雾炮车10辆,全市空气质量达到优良。

.PHONY: demo test install install-test port-free

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

# test extras, and Debian's chromium + chromium-driver for the browser tests
install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test,st]"
	bash .ci/install_browser.sh

PORT ?= 8000

# install, build the KB (SQLite, bundled model and libraries), suggest for a real project, start the API
# on 127.0.0.1:$(PORT) (make demo PORT=8010 when 8000 is taken)
# the port is checked before anything is installed or a key is made (uvicorn would only say so in English at the end)
port-free:
	@$(PY) -c "import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $(PORT)))" 2>/dev/null \
	  || { echo "端口 $(PORT) 已被占用（也许 make demo 已在运行）。请换一个端口，例如：make demo PORT=8010" >&2; exit 2; }

demo: port-free install
	$(BIN)/jixiao build
	$(BIN)/jixiao suggest --project-name "雾炮车降尘抑尘服务" --text "$(DEMO_TEXT)"
	$(BIN)/jixiao suggest --file tests/data/suggest_fresh.jsonl
	@key=$$($(BIN)/jixiao admin create-key --unit 示例单位 --role admin) || exit 1; \
	  echo "网页（给申报人员）: http://127.0.0.1:$(PORT)/ ；接口文档: http://127.0.0.1:$(PORT)/docs"; \
	  echo "登录密钥（只显示这一次，请保存）: $$key"
	@$(BIN)/jixiao serve --host 127.0.0.1 --port $(PORT)

# install with test extras, start a loopback PostgreSQL, run every test (pytest exit 5 = no tests is a failure)
test: install-test
	bash -c 'source .ci/start_postgres.sh || { echo "PostgreSQL did not start" >&2; exit 1; }; \
	  $(BIN)/python -m pytest; rc=$$?; \
	  type jixiao_pg_stop >/dev/null 2>&1 && jixiao_pg_stop; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc'

package kernel

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"gokernel/kernel/wire"
)

func TestKernelInfoOnShellAndControl(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	for _, sock := range []zmq4.Socket{c.shell, c.control} {
		req := c.send(sock, "kernel_info_request", nil)
		rep := c.reply(sock, req)
		if rep.Header.MsgType != "kernel_info_reply" || rep.Header.Version != "5.3" {
			t.Fatalf("reply header %+v", rep.Header)
		}
		info := content[wire.KernelInfoReply](t, rep)
		goVersion := strings.TrimPrefix(runtime.Version(), "go")
		if info.Status != "ok" || info.ProtocolVersion != "5.3" || info.Implementation != "gokernel" ||
			info.ImplementationVersion != "test" || info.LanguageInfo.Name != "go" ||
			info.LanguageInfo.Version != goVersion || info.LanguageInfo.FileExtension != ".go" ||
			info.LanguageInfo.Mimetype != "text/x-go" || len(info.HelpLinks) != 3 {
			t.Errorf("kernel_info = %+v", info)
		}
		if got := types(c.iopubFor(req)); got != "busy,idle" {
			t.Errorf("iopub = %s, want busy,idle", got)
		}
	}
}

func TestExecuteResultAndCount(t *testing.T) {
	eng := newFakeEngine()
	c := startKernel(t, eng, nil)
	rep, msgs := c.execute(wire.DefaultExecuteRequest("result:42"))
	if rep.Status != "ok" || rep.ExecutionCount != 1 || rep.Payload == nil || rep.UserExpressions == nil {
		t.Errorf("reply = %+v", rep)
	}
	if got := types(msgs); got != "busy,execute_input,execute_result,idle" {
		t.Fatalf("iopub = %s", got)
	}
	if in := content[wire.ExecuteInput](t, msgs[1]); in.Code != "result:42" || in.ExecutionCount != 1 {
		t.Errorf("execute_input = %+v", in)
	}
	res := content[wire.ExecuteResult](t, msgs[2])
	if res.ExecutionCount != 1 || res.Data["text/plain"] != "42" || res.Metadata == nil {
		t.Errorf("execute_result = %+v", res)
	}

	silent := wire.DefaultExecuteRequest("result:hidden")
	silent.Silent = true
	rep, msgs = c.execute(silent)
	if got := types(msgs); got != "busy,idle" || rep.ExecutionCount != 1 {
		t.Errorf("silent: iopub %s, count %d", got, rep.ExecutionCount)
	}

	unstored := wire.DefaultExecuteRequest("result:x")
	unstored.StoreHistory = false
	if rep, _ = c.execute(unstored); rep.ExecutionCount != 1 {
		t.Errorf("store_history=false: count %d, want 1", rep.ExecutionCount)
	}
	if rep, _ = c.execute(wire.DefaultExecuteRequest("")); rep.ExecutionCount != 2 {
		t.Errorf("count %d, want 2", rep.ExecutionCount)
	}
	eng.mu.Lock()
	defer eng.mu.Unlock()
	if r := eng.requests[1]; !r.Silent || r.StoreHistory {
		t.Errorf("engine saw silent request %+v", r)
	}
	if r := eng.requests[3]; r.ExecutionCount != 2 || !r.StoreHistory || !r.AllowStdin {
		t.Errorf("engine saw %+v", r)
	}
}

func TestExecuteError(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	rep, msgs := c.execute(wire.DefaultExecuteRequest("error:boom"))
	if rep.Status != "error" || rep.Ename != "TestError" || rep.Evalue != "boom" || len(rep.Traceback) != 2 {
		t.Errorf("reply = %+v", rep)
	}
	if got := types(msgs); got != "busy,execute_input,error,idle" {
		t.Fatalf("iopub = %s", got)
	}
	if e := content[wire.Error](t, msgs[2]); e.Ename != "TestError" || e.Traceback[0] != "tb1" {
		t.Errorf("error = %+v", e)
	}
	rep, msgs = c.execute(wire.DefaultExecuteRequest("panic"))
	if rep.Status != "error" || rep.Ename != "KernelError" || types(msgs) != "busy,execute_input,error,idle" {
		t.Errorf("engine panic: reply %+v iopub %s", rep, types(msgs))
	}
	if rep, _ = c.execute(wire.DefaultExecuteRequest("result:alive")); rep.Status != "ok" {
		t.Errorf("kernel after panic: %+v", rep)
	}
}

func TestEngineStartFailure(t *testing.T) {
	c := startKernel(t, nil, errNoEngine)
	rep, msgs := c.execute(wire.DefaultExecuteRequest("result:1"))
	if rep.Status != "error" || !strings.Contains(rep.Evalue, errNoEngine.Error()) {
		t.Errorf("reply = %+v", rep)
	}
	if got := types(msgs); got != "busy,execute_input,error,idle" {
		t.Errorf("iopub = %s", got)
	}
	req := c.send(c.shell, "complete_request", wire.CompleteRequest{Code: "fmt.", CursorPos: 4})
	if r := content[wire.CompleteReply](t, c.reply(c.shell, req)); r.Status != "ok" || len(r.Matches) != 0 || r.CursorStart != 4 {
		t.Errorf("complete without engine = %+v", r)
	}
}

func streams(t *testing.T, msgs []wire.Message) (n int, text string) {
	var b strings.Builder
	for _, m := range msgs {
		if m.Header.MsgType == "stream" {
			n++
			b.WriteString(content[wire.Stream](t, m).Text)
		}
	}
	return n, b.String()
}

func TestStreamCoalescing(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	const lines = 20000
	_, msgs := c.execute(wire.DefaultExecuteRequest("lines:" + strconv.Itoa(lines)))
	var want strings.Builder
	for i := range lines {
		want.WriteString("line " + strconv.Itoa(i) + "\n")
	}
	n, text := streams(t, msgs)
	if text != want.String() {
		t.Fatalf("stream text differs: got %d bytes, want %d", len(text), want.Len())
	}
	// ~229 KB in 64 KiB pieces: 4 messages, or a few more if the timer fired.
	if n > 10 {
		t.Errorf("%d stream messages for %d writes", n, lines)
	}
	if last := msgs[len(msgs)-2]; last.Header.MsgType != "stream" {
		t.Errorf("last before idle is %s", last.Header.MsgType)
	}
}

func TestOutputOrder(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	_, msgs := c.execute(wire.DefaultExecuteRequest("mixed"))
	want := "busy,execute_input,stream,display_data,stream,update_display_data,clear_output,stream,stream,idle"
	if got := types(msgs); got != want {
		t.Fatalf("iopub = %s\nwant   %s", got, want)
	}
	var texts []string
	for _, m := range msgs {
		switch m.Header.MsgType {
		case "stream":
			s := content[wire.Stream](t, m)
			texts = append(texts, s.Name+":"+s.Text)
		case "display_data", "update_display_data":
			d := content[wire.DisplayData](t, m)
			if d.Transient["display_id"] != "id1" {
				t.Errorf("%s transient = %v", m.Header.MsgType, d.Transient)
			}
		case "clear_output":
			if !content[wire.ClearOutput](t, m).Wait {
				t.Error("clear_output wait = false")
			}
		}
	}
	if got := strings.Join(texts, " "); got != "stdout:a stdout:b stderr:c stdout:d" {
		t.Errorf("streams = %s", got)
	}
}

func TestStreamAfterCellEnds(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	req := c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("late:after\n"))
	c.reply(c.shell, req)
	c.iopubFor(req)
	for {
		m, ok := c.recv(c.iopub, waitLimit)
		if !ok {
			t.Fatal("late stream never arrived")
		}
		if m.Header.MsgType == "stream" {
			if m.ParentHeader.MsgID != req.Header.MsgID || content[wire.Stream](t, m).Text != "after\n" {
				t.Errorf("late stream %+v %s", m.ParentHeader, m.Content)
			}
			return
		}
	}
}

func TestStopOnErrorAbortsQueued(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	first := c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("slowerror"))
	queued := []wire.Message{
		c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("result:1")),
		c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("result:2")),
	}
	if r := content[wire.ExecuteReply](t, c.reply(c.shell, first)); r.Status != "error" {
		t.Fatalf("first reply %+v", r)
	}
	for _, q := range queued {
		if r := content[wire.ExecuteReply](t, c.reply(c.shell, q)); r.Status != "aborted" {
			t.Errorf("queued reply %+v, want aborted", r)
		}
		if got := types(c.iopubFor(q)); got != "busy,idle" {
			t.Errorf("aborted iopub = %s", got)
		}
	}
	if rep, _ := c.execute(wire.DefaultExecuteRequest("result:3")); rep.Status != "ok" || rep.ExecutionCount != 2 {
		t.Errorf("after abort: %+v", rep)
	}

	noStop := wire.DefaultExecuteRequest("slowerror")
	noStop.StopOnError = false
	first = c.send(c.shell, "execute_request", noStop)
	next := c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("result:4"))
	c.reply(c.shell, first)
	if r := content[wire.ExecuteReply](t, c.reply(c.shell, next)); r.Status != "ok" {
		t.Errorf("stop_on_error=false: next reply %+v", r)
	}
}

func TestInterruptRunningCell(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	cell := c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("block"))
	time.Sleep(20 * time.Millisecond)
	info := c.send(c.control, "kernel_info_request", nil)
	c.reply(c.control, info) // control answers while the cell runs
	intr := c.send(c.control, "interrupt_request", nil)
	if r := content[wire.StatusReply](t, c.reply(c.control, intr)); r.Status != "ok" {
		t.Errorf("interrupt_reply %+v", r)
	}
	if r := content[wire.ExecuteReply](t, c.reply(c.shell, cell)); r.Status != "error" || r.Ename != "Interrupted" {
		t.Errorf("interrupted cell reply %+v", r)
	}
}

func TestInputRoundTrip(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	cell := c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("input:Name? "))
	ir, ok := c.recv(c.stdin, waitLimit)
	if !ok || ir.Header.MsgType != "input_request" || ir.ParentHeader.MsgID != cell.Header.MsgID {
		t.Fatalf("input_request %+v", ir.Header)
	}
	if p := content[wire.InputRequest](t, ir); p.Prompt != "Name? " || p.Password {
		t.Errorf("input_request %+v", p)
	}
	reply, _ := wire.NewMessage("input_reply", &ir.Header, wire.InputReply{Value: "gopher ☺"})
	c.sendMsg(c.stdin, reply)
	c.reply(c.shell, cell)
	msgs := c.iopubFor(cell)
	if res := content[wire.ExecuteResult](t, msgs[2]); res.Data["text/plain"] != "gopher ☺" {
		t.Errorf("result %+v", res)
	}

	noStdin := wire.DefaultExecuteRequest("input:x")
	noStdin.AllowStdin = false
	if rep, _ := c.execute(noStdin); rep.Status != "error" || !strings.Contains(rep.Evalue, "allow_stdin") {
		t.Errorf("allow_stdin=false: %+v", rep)
	}

	cell = c.send(c.shell, "execute_request", wire.DefaultExecuteRequest("input:wait"))
	if _, ok := c.recv(c.stdin, waitLimit); !ok {
		t.Fatal("no input_request")
	}
	c.reply(c.control, c.send(c.control, "interrupt_request", nil))
	if r := content[wire.ExecuteReply](t, c.reply(c.shell, cell)); r.Status != "error" || r.Evalue != ErrInputInterrupted.Error() {
		t.Errorf("interrupted input: %+v", r)
	}
}

func TestHistory(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	for _, code := range []string{"result:a", "lines:1", "result:a", "result:b"} {
		c.execute(wire.DefaultExecuteRequest(code))
	}
	hist := func(h wire.HistoryRequest) string {
		req := c.send(c.shell, "history_request", h)
		r := c.reply(c.shell, req)
		c.iopubFor(req)
		var out struct {
			History []any `json:"history"`
		}
		if err := r.Unmarshal(&out); err != nil {
			t.Fatal(err)
		}
		b, _ := jsonString(out.History)
		return b
	}
	for _, tc := range []struct {
		req  wire.HistoryRequest
		want string
	}{
		{wire.HistoryRequest{HistAccessType: "tail", N: 2}, `[[1,3,"result:a"],[1,4,"result:b"]]`},
		{wire.HistoryRequest{HistAccessType: "range", Session: 0, Start: 2, Stop: 4}, `[[1,2,"lines:1"],[1,3,"result:a"]]`},
		{wire.HistoryRequest{HistAccessType: "range", Session: 0, Start: 4, Output: true}, `[[1,4,["result:b","b"]]]`},
		{wire.HistoryRequest{HistAccessType: "range", Session: 1, Start: 2, Stop: 3, Output: true}, `[[1,2,["lines:1",null]]]`},
		{wire.HistoryRequest{HistAccessType: "range", Session: -1, Start: 1}, `[]`},
		{wire.HistoryRequest{HistAccessType: "search", Pattern: "result:?"}, `[[1,1,"result:a"],[1,3,"result:a"],[1,4,"result:b"]]`},
		{wire.HistoryRequest{HistAccessType: "search", Pattern: "res*", Unique: true}, `[[1,3,"result:a"],[1,4,"result:b"]]`},
		{wire.HistoryRequest{HistAccessType: "search", Pattern: "*", N: 1}, `[[1,4,"result:b"]]`},
	} {
		if got := hist(tc.req); got != tc.want {
			t.Errorf("%+v:\n got %s\nwant %s", tc.req, got, tc.want)
		}
	}
}

func TestBadMessagesDropped(t *testing.T) {
	eng := newFakeEngine()
	c := startKernel(t, eng, nil)
	forged, _ := wire.NewMessage("execute_request", nil, wire.DefaultExecuteRequest("result:forged"))
	wrong, _ := wire.NewSigner("hmac-sha256", "not the key")
	bad := [][][]byte{
		wire.Encode(forged, wrong),
		{[]byte("no delimiter"), []byte("{}")},
		{wire.Delimiter, []byte("sig")},
	}
	for _, frames := range bad {
		if err := c.shell.Send(zmq4.NewMsgFrom(frames...)); err != nil {
			t.Fatal(err)
		}
	}
	unknown := c.send(c.shell, "frobnicate_request", nil)
	if got := types(c.iopubFor(unknown)); got != "busy,idle" {
		t.Errorf("unknown request iopub = %s", got)
	}
	req := c.send(c.shell, "kernel_info_request", nil)
	if r := c.reply(c.shell, req); r.Header.MsgType != "kernel_info_reply" {
		t.Errorf("got %s", r.Header.MsgType)
	}
	eng.mu.Lock()
	ran := len(eng.requests)
	eng.mu.Unlock()
	if ran != 0 {
		t.Errorf("forged cell ran")
	}
	logs := c.logs.String()
	if !strings.Contains(logs, "bad signature") || !strings.Contains(logs, "frobnicate_request") {
		t.Errorf("logs = %q", logs)
	}
}

func TestCompleteInspectCursor(t *testing.T) {
	eng := newFakeEngine()
	c := startKernel(t, eng, nil)
	code := `s := "héllo wörld"; fmt.Pr`
	runes := len([]rune(code))
	req := c.send(c.shell, "complete_request", wire.CompleteRequest{Code: code, CursorPos: runes})
	r := content[wire.CompleteReply](t, c.reply(c.shell, req))
	if eng.lastCursor != len(code) {
		t.Errorf("engine cursor = %d bytes, want %d", eng.lastCursor, len(code))
	}
	if r.CursorEnd != runes || r.CursorStart != runes-2 || r.Matches[0] != "Println" {
		t.Errorf("complete_reply = %+v, want cursor %d..%d", r, runes-2, runes)
	}
	req = c.send(c.shell, "inspect_request", wire.InspectRequest{Code: "ü.x", CursorPos: 2, DetailLevel: 1})
	ins := content[wire.InspectReply](t, c.reply(c.shell, req))
	if !ins.Found || ins.Data["text/plain"] != "3:1" {
		t.Errorf("inspect_reply = %+v", ins)
	}
	req = c.send(c.shell, "is_complete_request", wire.IsCompleteRequest{Code: "for {"})
	if ic := content[wire.IsCompleteReply](t, c.reply(c.shell, req)); ic.Status != "incomplete" || ic.Indent != "\t" {
		t.Errorf("is_complete_reply = %+v", ic)
	}
	req = c.send(c.shell, "comm_info_request", nil)
	if ci := content[wire.CommInfoReply](t, c.reply(c.shell, req)); ci.Status != "ok" || ci.Comms == nil {
		t.Errorf("comm_info_reply = %+v", ci)
	}
}

func TestHeartbeatEcho(t *testing.T) {
	c := startKernel(t, newFakeEngine(), nil)
	if err := c.hb.Send(zmq4.NewMsgString("ping")); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-c.in[c.hb]:
		if string(m.Bytes()) != "ping" {
			t.Errorf("heartbeat echoed %q", m.Bytes())
		}
	case <-time.After(waitLimit):
		t.Fatal("no heartbeat echo")
	}
}

func TestShutdown(t *testing.T) {
	for _, onControl := range []bool{true, false} {
		c := startKernel(t, newFakeEngine(), nil)
		sock := c.shell
		if onControl {
			sock = c.control
		}
		req := c.send(sock, "shutdown_request", wire.ShutdownRequest{Restart: true})
		r := c.reply(sock, req)
		if sr := content[wire.ShutdownReply](t, r); sr.Status != "ok" || !sr.Restart {
			t.Errorf("shutdown_reply %+v", sr)
		}
		if got := types(c.iopubFor(req)); got != "busy,idle" {
			t.Errorf("shutdown iopub = %s", got)
		}
		select {
		case err := <-c.served:
			if err != nil {
				t.Errorf("Serve = %v", err)
			}
			c.served <- nil // for the cleanup
		case <-time.After(waitLimit):
			t.Fatal("Serve did not return after shutdown_request")
		}
	}
}

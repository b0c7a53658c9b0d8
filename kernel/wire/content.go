package wire

// Content types of the messages a kernel and its clients exchange
// (messaging protocol 5.3). Field names follow the JSON keys.

// ExecuteRequest is execute_request's content. Use NewExecuteRequest or
// DefaultExecuteRequest before decoding so absent keys get the protocol's
// defaults (store_history and stop_on_error default to true).
type ExecuteRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    bool              `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     bool              `json:"stop_on_error"`
}

// DefaultExecuteRequest returns an execute_request for code with the
// protocol's defaults.
func DefaultExecuteRequest(code string) ExecuteRequest {
	return ExecuteRequest{
		Code:            code,
		StoreHistory:    true,
		UserExpressions: map[string]string{},
		AllowStdin:      true,
		StopOnError:     true,
	}
}

// ExecuteReply is execute_reply's content. Ename, Evalue and Traceback are
// set only when Status is "error".
type ExecuteReply struct {
	Status          string           `json:"status"`
	ExecutionCount  int              `json:"execution_count"`
	Payload         []map[string]any `json:"payload"`
	UserExpressions map[string]any   `json:"user_expressions"`
	Ename           string           `json:"ename,omitempty"`
	Evalue          string           `json:"evalue,omitempty"`
	Traceback       []string         `json:"traceback,omitempty"`
}

// Status is the content of a status message on iopub.
type Status struct {
	ExecutionState string `json:"execution_state"` // starting, busy, idle
}

// ExecuteInput is the content of execute_input on iopub.
type ExecuteInput struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

// Stream is the content of a stream message.
type Stream struct {
	Name string `json:"name"` // stdout or stderr
	Text string `json:"text"`
}

// DisplayData is the content of display_data and update_display_data.
type DisplayData struct {
	Data      map[string]any `json:"data"`
	Metadata  map[string]any `json:"metadata"`
	Transient map[string]any `json:"transient,omitempty"`
}

// ExecuteResult is the content of execute_result.
type ExecuteResult struct {
	ExecutionCount int            `json:"execution_count"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
}

// Error is the content of an error message on iopub.
type Error struct {
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// ClearOutput is the content of clear_output.
type ClearOutput struct {
	Wait bool `json:"wait"`
}

// InputRequest is the content of input_request on stdin.
type InputRequest struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// InputReply is the content of input_reply on stdin.
type InputReply struct {
	Value string `json:"value"`
}

// KernelInfoReply is kernel_info_reply's content.
type KernelInfoReply struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          LanguageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []HelpLink   `json:"help_links"`
}

// LanguageInfo describes the kernel's language in kernel_info_reply.
type LanguageInfo struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Mimetype       string `json:"mimetype"`
	FileExtension  string `json:"file_extension"`
	PygmentsLexer  string `json:"pygments_lexer"`
	CodemirrorMode string `json:"codemirror_mode"`
}

// HelpLink is one entry of kernel_info_reply's help_links.
type HelpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// CompleteRequest is complete_request's content; CursorPos counts Unicode
// code points.
type CompleteRequest struct {
	Code      string `json:"code"`
	CursorPos int    `json:"cursor_pos"`
}

// CompleteReply is complete_reply's content; cursors count code points.
type CompleteReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// InspectRequest is inspect_request's content.
type InspectRequest struct {
	Code        string `json:"code"`
	CursorPos   int    `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

// InspectReply is inspect_reply's content.
type InspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

// IsCompleteRequest is is_complete_request's content.
type IsCompleteRequest struct {
	Code string `json:"code"`
}

// IsCompleteReply is is_complete_reply's content.
type IsCompleteReply struct {
	Status string `json:"status"`
	Indent string `json:"indent,omitempty"`
}

// HistoryRequest is history_request's content.
type HistoryRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"` // range, tail, search
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// HistoryReply is history_reply's content. Each entry is
// [session, line, input] or, with output, [session, line, [input, output]].
type HistoryReply struct {
	Status  string  `json:"status"`
	History [][]any `json:"history"`
}

// ShutdownRequest is shutdown_request's content.
type ShutdownRequest struct {
	Restart bool `json:"restart"`
}

// ShutdownReply is shutdown_reply's content.
type ShutdownReply struct {
	Status  string `json:"status"`
	Restart bool   `json:"restart"`
}

// CommInfoReply is comm_info_reply's content.
type CommInfoReply struct {
	Status string         `json:"status"`
	Comms  map[string]any `json:"comms"`
}

// StatusReply is the content of replies that carry only a status, such as
// interrupt_reply and an aborted execute_reply.
type StatusReply struct {
	Status string `json:"status"`
}

package kernel

import (
	"encoding/json"
	"runtime"
	"strings"

	"gokernel/kernel/wire"
)

var defaultHelpLinks = []wire.HelpLink{
	{Text: "Go documentation", URL: "https://go.dev/doc/"},
	{Text: "Go packages", URL: "https://pkg.go.dev/"},
	{Text: "A Tour of Go", URL: "https://go.dev/tour/"},
}

// kernelInfo encodes kernel_info_reply's content once; it never changes.
func (k *Kernel) kernelInfo() []byte {
	goVersion := strings.TrimPrefix(runtime.Version(), "go")
	impl := k.cfg.Implementation
	if impl == "" {
		impl = "gokernel"
	}
	banner := k.cfg.Banner
	if banner == "" {
		banner = impl + " " + k.cfg.Version + " — Go " + goVersion
	}
	links := k.cfg.HelpLinks
	if links == nil {
		links = defaultHelpLinks
	}
	b, err := json.Marshal(wire.KernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        impl,
		ImplementationVersion: k.cfg.Version,
		LanguageInfo: wire.LanguageInfo{
			Name:           "go",
			Version:        goVersion,
			Mimetype:       "text/x-go",
			FileExtension:  ".go",
			PygmentsLexer:  "go",
			CodemirrorMode: "go",
		},
		Banner:    banner,
		HelpLinks: links,
	})
	if err != nil {
		panic("encode kernel_info_reply: " + err.Error()) // only strings: cannot fail
	}
	return b
}

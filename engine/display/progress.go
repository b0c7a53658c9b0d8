package display

import (
	"fmt"
	"html"
	"strings"
	"sync"
)

// Progress is a progress bar shown in the cell and updated in place.
type Progress struct {
	mu    sync.Mutex
	l     *lib
	sink  Sink
	id    string
	total int
	n     int
	shown int // percentage last sent, -1 before the first
	done  bool
}

const barWidth = 30

func (l *lib) newProgress(total int) *Progress {
	p := &Progress{l: l, sink: l.sink(), id: NewID(), total: total, shown: -1}
	p.send(false)
	return p
}

// Add advances the bar by n.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += n
	p.refresh()
}

// Set sets the bar's count.
func (p *Progress) Set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n = n
	p.refresh()
}

// Done fills the bar and marks it finished.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.total > 0 && p.n < p.total {
		p.n = p.total
	}
	p.done = true
	p.send(true)
}

// refresh sends an update when the shown percentage changes: a loop that
// calls Add a million times sends at most a hundred updates.
func (p *Progress) refresh() {
	if p.percent() != p.shown {
		p.send(true)
	}
}

func (p *Progress) percent() int {
	if p.total <= 0 {
		return 0
	}
	pc := p.n * 100 / p.total
	return min(max(pc, 0), 100)
}

func (p *Progress) send(update bool) {
	p.shown = p.percent()
	text, htm := p.render()
	p.sink.Show(map[string]any{"text/plain": text, "text/html": htm}, nil, p.id, update)
}

func (p *Progress) render() (text, htm string) {
	pc := p.percent()
	full := pc * barWidth / 100
	state := ""
	if p.done {
		state = " done"
	}
	text = fmt.Sprintf("[%s%s] %3d%% %d/%d%s", strings.Repeat("#", full), strings.Repeat(" ", barWidth-full), pc, p.n, p.total, state)
	htm = fmt.Sprintf(`<progress value="%d" max="%d" style="width:30em"></progress> %s`,
		p.n, max(p.total, 1), html.EscapeString(fmt.Sprintf("%d%% %d/%d%s", pc, p.n, p.total, state)))
	return text, htm
}

package gil

// maxRetired bounds how many closed threads Stats still lists, so programs
// that start millions of goroutines keep bounded memory.
const maxRetired = 1024

// registry holds live threads and the latest retired ones, under Lock.mu.
type registry struct {
	live    map[int64]*Thread
	retired []*Thread // ring of maxRetired
	next    int
}

func (r *registry) init() { r.live = make(map[int64]*Thread) }

func (r *registry) add(t *Thread) { r.live[t.id] = t }

func (r *registry) retire(t *Thread) {
	delete(r.live, t.id)
	if len(r.retired) < maxRetired {
		r.retired = append(r.retired, t)
		return
	}
	r.retired[r.next] = t
	r.next = (r.next + 1) % maxRetired
}

// all returns live and retired threads.
func (r *registry) all() []*Thread {
	out := make([]*Thread, 0, len(r.live)+len(r.retired))
	for _, t := range r.live {
		out = append(out, t)
	}
	return append(out, r.retired...)
}

// dropRetired forgets retired threads (ResetStats).
func (r *registry) dropRetired() { r.retired, r.next = nil, 0 }

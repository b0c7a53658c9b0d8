package wire

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is a Jupyter connection file: where the five sockets live
// and how messages are signed.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var ci ConnectionInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return ci, fmt.Errorf("read connection file: %w", err)
	}
	if err := json.Unmarshal(b, &ci); err != nil {
		return ci, fmt.Errorf("parse connection file %s: %w", path, err)
	}
	if ci.Transport == "" {
		ci.Transport = "tcp"
	}
	if ci.IP == "" {
		ci.IP = "127.0.0.1"
	}
	if _, err := NewSigner(ci.SignatureScheme, ci.Key); err != nil {
		return ci, fmt.Errorf("connection file %s: %w", path, err)
	}
	return ci, nil
}

// Endpoint is the ZeroMQ address of one of the ports, e.g.
// "tcp://127.0.0.1:5555". For the ipc transport, Jupyter names the socket
// file "<ip>-<port>".
func (ci ConnectionInfo) Endpoint(port int) string {
	if ci.Transport == "ipc" {
		return "ipc://" + ci.IP + "-" + strconv.Itoa(port)
	}
	transport := ci.Transport
	if transport == "" {
		transport = "tcp"
	}
	return transport + "://" + net.JoinHostPort(ci.IP, strconv.Itoa(port))
}

// Signer returns the signer the connection file asks for.
func (ci ConnectionInfo) Signer() (*Signer, error) {
	return NewSigner(ci.SignatureScheme, ci.Key)
}

// NewConnectionInfo picks five free TCP ports on ip and a random key, for a
// client that launches a kernel. The ports are free when chosen; another
// process could take one before the kernel binds it, as with jupyter_client.
func NewConnectionInfo(ip, kernelName string) (ConnectionInfo, error) {
	if ip == "" {
		ip = "127.0.0.1"
	}
	ports, err := freePorts(ip, 5)
	if err != nil {
		return ConnectionInfo{}, err
	}
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection key: %w", err)
	}
	return ConnectionInfo{
		Transport:       "tcp",
		IP:              ip,
		ShellPort:       ports[0],
		IOPubPort:       ports[1],
		StdinPort:       ports[2],
		ControlPort:     ports[3],
		HBPort:          ports[4],
		Key:             hex.EncodeToString(key),
		SignatureScheme: "hmac-sha256",
		KernelName:      kernelName,
	}, nil
}

// freePorts holds all n listeners open at once so the ports are distinct.
func freePorts(ip string, n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// WriteFile writes the connection file, readable only by its owner since it
// holds the signing key.
func (ci ConnectionInfo) WriteFile(path string) error {
	b, err := json.MarshalIndent(ci, "", "  ")
	if err != nil {
		return fmt.Errorf("encode connection file: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("write connection file: %w", err)
	}
	return nil
}

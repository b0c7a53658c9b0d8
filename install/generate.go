package install

//go:generate go run ./internal/logo/gen

// Command etcd is etcd's own server, built at the version k8s.io/kubernetes v1.37.2 requires, so
// the test control plane needs nothing beyond the Go module proxy.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

#!/bin/sh
# The load beside this module's transitions: a new network namespace, set
# up by nf_log_syslog_net_init(), the patched function. The -LOADED.test
# would remove nf_log_syslog and load it again, and the run with the
# livepatch loaded must find the module the run before it loaded, before
# the livepatch was.
unshare -n true

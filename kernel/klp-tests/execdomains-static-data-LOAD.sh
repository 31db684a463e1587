#!/bin/sh
# The load beside this module's transitions leaves /proc/execdomains
# alone: the -LOADED.test checks the count of its reads from the module's
# load on, which any read through the patched function would change.
# Tasks come and go and read /proc on the other CPU instead.
cat /proc/version /proc/filesystems > /dev/null

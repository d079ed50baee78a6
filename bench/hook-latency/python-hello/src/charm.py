#!/usr/bin/env python3
"""hello's config-changed as a Python ops charm, for bench/hook-latency/python.sh only.

Does what charms/hello does on a non-action hook, through the same hook tools: reads its config,
checks the token secret when one is configured, opens its port, publishes the greeting on every
greeting relation (unit bag, and app bag on the leader), waits for a greeting on listen, and sets
the unit (and on the leader the application) status.
"""

import ops


class HelloCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        for event in (self.on.install, self.on.config_changed, self.on.update_status,
                      self.on.greeting_relation_changed, self.on.listen_relation_changed):
            framework.observe(event, self._reconcile)

    def _reconcile(self, _event: ops.EventBase):
        greeting = str(self.config.get("greeting", ""))
        port = int(self.config.get("port", 0))
        if not greeting.strip():
            self._status(ops.BlockedStatus("[config] invalid config option greeting: must not be empty"))
            return
        if not 1 <= port <= 65535:
            self._status(ops.BlockedStatus("[config] invalid config option port: must be between 1 and 65535"))
            return
        token = self.config.get("token-secret")
        if token:
            try:
                if "token" not in self.model.get_secret(id=str(token)).get_content():
                    self._status(ops.BlockedStatus(f"[token] secret {token} has no key \"token\""))
                    return
            except (ops.SecretNotFoundError, ops.ModelError):
                self._status(ops.BlockedStatus(f"[token] secret {token} not found or not granted"))
                return
        self.unit.set_ports(port)
        for relation in self.model.relations["greeting"]:
            relation.data[self.unit]["greeting"] = greeting
            if self.unit.is_leader():
                relation.data[self.app]["greeting"] = greeting
        listen = self.model.get_relation("listen")
        if listen is not None and listen.app is not None and not listen.data[listen.app].get("greeting"):
            self._status(ops.WaitingStatus(f"[listen] waiting for a greeting from {listen.app.name}"))
            return
        self._status(ops.ActiveStatus())

    def _status(self, status: ops.StatusBase):
        self.unit.status = status
        if self.unit.is_leader():
            self.app.status = status


if __name__ == "__main__":
    ops.main(HelloCharm)

#!/usr/bin/env python3
"""Writes the three trace files of this folder (see README.md): one scenario, three formats.

Run from this folder: python3 make-files.py
"""
import json

BASE = 1767225600000000  # 2026-01-01T00:00:00Z in microseconds: long settled when a test runs

HOSTS = {"frontend": "10.0.0.1", "customer": "10.0.0.2", "driver": "10.0.0.3", "route": "10.0.0.4"}


def scenario(prefix):
    """HotROD's dispatch, as Jaeger's example application makes it, with a broken call and a skewed child.

    Each span: (id, parent, service, kind, name, start ms, duration ms, tags, logs).
    """
    a = prefix + "a" * (32 - len(prefix))
    b = prefix + "b" * (32 - len(prefix))
    s = lambda n: prefix[:4] + "00000000000" + format(n, "x")  # 16 hex
    # the frontend's client wrote its traceparent in uppercase, which the route service refuses (STRICT)
    sent = ("00-" + a + "-" + s(9) + "-01").upper()
    trace_a = [
        (s(1), None, "frontend", "server", "HTTP GET /dispatch", 0, 700,
         {"http.method": "GET", "http.path": "/dispatch", "http.status_code": "200"}, []),
        (s(2), s(1), "frontend", "client", "HTTP GET /customer", 10, 290,
         {"http.method": "GET", "http.path": "/customer", "peer.service": "customer"}, []),
        (s(3), s(2), "customer", "server", "HTTP GET /customer", 15, 280,
         {"http.method": "GET", "http.path": "/customer"}, []),
        (s(4), s(3), "customer", "client", "SQL SELECT", 20, 270,
         {"peer.service": "mysql", "db.system": "mysql", "db.statement": "SELECT * FROM customer WHERE customer_id=123",
          "peer.ipv4": "10.0.0.9", "peer.port": "3306"},
         [(25, {"event": "Waiting for lock behind 1 transactions"}), (30, {"event": "Acquired lock"})]),
        (s(5), s(1), "frontend", "client", "driver::findNearest", 310, 290,
         {"peer.service": "driver"}, []),
        # the driver's clock is 25 ms behind: its server half starts before the call that made it
        (s(6), s(5), "driver", "server", "/driver.DriverService/FindNearest", 285, 280, {}, []),
        (s(7), s(6), "driver", "client", "FindDriverIDs", 290, 20,
         {"peer.service": "redis", "db.system": "redis"}, []),
        (s(8), s(6), "driver", "client", "GetDriver", 315, 240,
         {"peer.service": "redis", "db.system": "redis", "error": "true"},
         [(550, {"event": "error", "message": "redis timeout", "driver_id": "T751767C"})]),
        (s(9), s(1), "frontend", "client", "HTTP GET /route", 610, 80,
         {"http.method": "GET", "http.path": "/route", "peer.service": "route", "w3c.traceparent.sent": sent}, []),
    ]
    first_upper = next(i for i, c in enumerate(a) if c.isalpha())
    invalid = "trace-id: expected 32 lowercase hex characters, found uppercase '%s' at index %d" % (
        a.upper()[first_upper], first_upper)
    trace_b = [
        (s(10), None, "route", "server", "HTTP GET /route", 615, 60,
         {"http.method": "GET", "http.path": "/route", "http.status_code": "200",
          "w3c.traceparent.received": sent, "w3c.traceparent.valid": "false", "w3c.traceparent.invalid": invalid}, []),
        (s(11), s(10), "route", None, "computeRoute", 620, 50, {}, []),
    ]
    return [(a, trace_a), (b, trace_b)]


def micros(ms):
    return BASE + ms * 1000


def jaeger(prefix):
    data = []
    for trace_id, spans in scenario(prefix):
        processes, spans_out = {}, []
        for (sid, parent, service, kind, name, start, dur, tags, logs) in spans:
            pid = "p%d" % (list(HOSTS).index(service) + 1)
            processes[pid] = {"serviceName": service, "tags": [
                {"key": "hostname", "type": "string", "value": service + "-1"},
                {"key": "ip", "type": "string", "value": HOSTS[service]},
                {"key": "jaeger.version", "type": "string", "value": "Go-2.30.0"}]}
            jtags = [{"key": k, "type": "string", "value": v} for k, v in tags.items() if k != "error"]
            if "error" in tags:
                jtags.append({"key": "error", "type": "bool", "value": True})
            if kind:
                jtags.append({"key": "span.kind", "type": "string", "value": kind})
            spans_out.append({
                "traceID": trace_id, "spanID": sid, "flags": 1, "operationName": name,
                "references": [] if parent is None else [{"refType": "CHILD_OF", "traceID": trace_id, "spanID": parent}],
                "startTime": micros(start), "duration": dur * 1000, "tags": jtags,
                "logs": [{"timestamp": micros(t), "fields": [{"key": k, "type": "string", "value": v} for k, v in f.items()]}
                         for (t, f) in logs],
                "processID": pid, "warnings": None})
        data.append({"traceID": trace_id, "spans": spans_out, "processes": processes, "warnings": None})
    return {"data": data, "total": 0, "limit": 0, "offset": 0, "errors": None}


def zipkin(prefix):
    traces = []
    for trace_id, spans in scenario(prefix):
        out = []
        for (sid, parent, service, kind, name, start, dur, tags, logs) in spans:
            span = {"traceId": trace_id, "id": sid}
            if parent:
                span["parentId"] = parent
            if kind:
                span["kind"] = kind.upper()
            span.update({"name": name.lower(), "timestamp": micros(start), "duration": dur * 1000,
                         "localEndpoint": {"serviceName": service, "ipv4": HOSTS[service]}})
            if "peer.service" in tags:
                span["remoteEndpoint"] = {"serviceName": tags["peer.service"]}
            if logs:
                span["annotations"] = [{"timestamp": micros(t), "value": f["event"]} for (t, f) in logs]
            span["tags"] = {k: v for k, v in tags.items() if k != "peer.service"}
            out.append(span)
        traces.append(out)
    return traces


KINDS = {None: 1, "server": 2, "client": 3, "producer": 4, "consumer": 5}


def otlp_lines(prefix):
    """One ExportTraceServiceRequest a line, one service a line, as a Collector's file exporter writes."""
    by_service = {}
    for trace_id, spans in scenario(prefix):
        for (sid, parent, service, kind, name, start, dur, tags, logs) in spans:
            attrs = [{"key": k, "value": {"stringValue": v}} for k, v in tags.items() if k != "error"]
            span = {"traceId": trace_id, "spanId": sid, "name": name, "kind": KINDS[kind],
                    "startTimeUnixNano": str(micros(start) * 1000), "endTimeUnixNano": str(micros(start + dur) * 1000),
                    "attributes": attrs,
                    "events": [{"timeUnixNano": str(micros(t) * 1000), "name": f["event"],
                                "attributes": [{"key": k, "value": {"stringValue": v}} for k, v in f.items() if k != "event"]}
                               for (t, f) in logs],
                    "status": {"code": 2, "message": "redis timeout"} if "error" in tags else {}}
            if parent:
                span["parentSpanId"] = parent
            by_service.setdefault(service, []).append(span)
    lines = []
    for service, spans in by_service.items():
        lines.append(json.dumps({"resourceSpans": [{
            "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": service}},
                                        {"key": "host.ip", "value": {"stringValue": HOSTS[service]}}]},
            "scopeSpans": [{"scope": {"name": "hotrod", "version": "1.0.0"}, "spans": spans}]}]},
            separators=(",", ":")))
    return "\n".join(lines) + "\n"


with open("hotrod.jaeger.json", "w") as f:
    json.dump(jaeger("1f0e"), f, indent=2)
    f.write("\n")
with open("hotrod.zipkin.json", "w") as f:
    json.dump(zipkin("2f0e"), f, indent=2)
    f.write("\n")
with open("hotrod.otlp.jsonl", "w") as f:
    f.write(otlp_lines("3f0e"))

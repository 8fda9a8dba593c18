#!/usr/bin/env python3
"""Makes the broken variants of real traces in variants/ from zipkin/ (see SOURCES.md).

A variant breaks one call the way a lost context does: the callee's server span and everything below
it move to a new trace, the server span becomes its root (no parent, not shared), and, where the
variant says so, the callee records the header it refused and the caller the header it sent, as
tracer's filter and client observation tag them. Nothing else changes. Run from this directory.
"""
import hashlib
import json


def load(name):
    with open(name) as f:
        return json.load(f)


def new_id(seed, length):
    return hashlib.sha256(seed.encode()).hexdigest()[:length]


def restart(spans, call_id, seed, refused=False, sent_too=False):
    """Moves the server half of call_id and its descendants to a new trace."""
    server = next(s for s in spans if s['id'] == call_id and s.get('kind') == 'SERVER')
    client = next(s for s in spans if s['id'] == call_id and s.get('kind') == 'CLIENT')
    trace = new_id(seed + '/trace', len(server['traceId']))
    root = new_id(seed + '/root', 16)
    moved = {id(server)}
    frontier = [call_id]
    while frontier:
        parent = frontier.pop()
        for s in spans:
            if s.get('parentId') == parent and id(s) not in moved and s is not client:
                moved.add(id(s))
                frontier.append(s['id'])
    for s in spans:
        if id(s) in moved:
            s['traceId'] = trace
            if s.get('parentId') == call_id:
                s['parentId'] = root
    server['id'] = root
    server.pop('parentId', None)
    server.pop('shared', None)
    if refused:
        header = '00-' + client['traceId'].rjust(32, '0').upper() + '-' + call_id.upper() + '-01'
        first = next(i for i, c in enumerate(header) if c.isupper() and i > 2)
        tags = server.setdefault('tags', {})
        tags['w3c.traceparent.received'] = header
        tags['w3c.traceparent.valid'] = 'false'
        tags['w3c.traceparent.invalid'] = ('trace-id: expected 32 lowercase hex characters, found uppercase '
                                           + repr(header[first]) + ' at index ' + str(first))
        if sent_too:
            client.setdefault('tags', {})['w3c.traceparent.sent'] = header
    return spans


def write(name, spans):
    with open('variants/' + name, 'w') as f:
        json.dump(spans, f, indent=1)
        f.write('\n')


# mobile_api refused the header yelp-main sent: definite on both sides, linked by the header alone
write('yelp-refused.json', restart(load('zipkin/yelp.json'), 'f5f268651b2a2b34', 'yelp-refused',
                                   refused=True, sent_too=True))
# content-service received no header: linked by request and time, probable
write('ascend-dropped.json', restart(load('zipkin/ascend.json'), 'ecc00062ceef4bf0', 'ascend-dropped'))
# serviceb received no header, and its root says nothing of its request: servicea's call, which
# names serviceb, is possibly lost, and nothing links it
skew = load('zipkin/skew.json')
for s in skew:
    if s.get('kind') == 'CLIENT':
        s['remoteEndpoint'] = {'serviceName': 'serviceb'}
write('skew-lost.json', restart(skew, [s for s in skew if s.get('kind') == 'CLIENT'][0]['id'], 'skew-lost'))
# two breaks in one trace: auth received no header from one call and refused another's
oauth = load('zipkin/smartthings-oauth-authorization.json')
restart(oauth, '0df5fb685859651f', 'oauth-dropped')
restart(oauth, '54456c991996a6c7', 'oauth-refused', refused=True)
write('smartthings-oauth-two-breaks.json', oauth)

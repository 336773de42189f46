#!/usr/bin/env python3
"""The boto3 half of LoadIT: load clients, then checks, against the nodes of one s4 cluster.

Usage: boto3_load.py ENDPOINTS BUCKET CLIENTS SECONDS SEED   (credentials from AWS_ACCESS_KEY_ID/_SECRET_ACCESS_KEY)
  ENDPOINTS  comma-separated http://127.0.0.1:PORT of every node; each request goes to a random one, so most
             are forwarded to the key's owner

Protocol (JSON lines on stdout, one object each; the driver reads them as they come):
  {"op": "READY"}                       clients built; the load starts when stdin sends the line GO
  {"op": "PUT"|"GET"|"LIST"|"DELETE", "client", "ms", "endpoint", ...}   one per acknowledged operation
  {"op": "ERROR", "client", "error"}    any failed operation or wrong answer
  {"op": "LOADED"}                      every client stopped; then stdin sends checks, one JSON object a line:
      {"key", "size", "crc32"} must read back with that size and zlib CRC32 (through a random node)
      {"key", "gone": true}    must answer 404 NoSuchKey to GET and 404 to HEAD
      {"list": true}           the whole bucket is listed in pages of 500 through every node
  {"op": "LISTED", "endpoint", "count", "digest"}   sha256 of "key<TAB>size<LF>" over the listing, in its order
  {"op": "VERIFIED", "live", "gone"}    after stdin closed and every check ran

The operation mix, sizes and key names follow Workload.java. The ledger's checksum is zlib's CRC32: python has
no CRC32C without awscrt, and the driver verifies CRC32 as well.
"""
import concurrent.futures
import hashlib
import io
import json
import math
import random
import sys
import threading
import time
import zlib

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

MIN_SIZE = 1024
MAX_SIZE = 16 << 20
MAX_LIVE_BYTES = 32 << 20
TOP_DIRS = 4
SUB_DIRS = 2
MAX_ERRORS = 10
# Above this boto3 uploads in 8 MiB parts: the multipart path is part of the load.
MULTIPART = TransferConfig(multipart_threshold=8 << 20, multipart_chunksize=8 << 20, use_threads=False)

out_lock = threading.Lock()


def emit(**fields):
    line = json.dumps(fields, separators=(',', ':'))
    with out_lock:
        sys.stdout.write(line + '\n')
        sys.stdout.flush()


def next_op(rnd, live_keys, live_bytes):
    if live_keys == 0:
        return 'PUT'
    u = rnd.random()
    if u < 0.35:
        return 'DELETE' if live_bytes >= MAX_LIVE_BYTES else 'PUT'
    if u < 0.70:
        return 'GET'
    return 'LIST' if u < 0.80 else 'DELETE'


def log_uniform(rnd, low, high):
    value = math.exp(math.log(low) + rnd.random() * (math.log(high) - math.log(low)))
    return min(max(round(value), low), high)


def size(rnd):
    u = rnd.random()
    if u < 0.60:
        return log_uniform(rnd, MIN_SIZE, 16 << 10)
    if u < 0.85:
        return log_uniform(rnd, 16 << 10, 256 << 10)
    return log_uniform(rnd, 256 << 10, 4 << 20) if u < 0.97 else log_uniform(rnd, 4 << 20, MAX_SIZE)


def first_size(index, rnd):
    return {0: MAX_SIZE, 1: MIN_SIZE}.get(index) or size(rnd)


def key_path(client, seq, rnd):
    d = 'd%d/%d/' % (rnd.randrange(TOP_DIRS), rnd.randrange(SUB_DIRS))
    return d + ('%06d_%s' % (seq, client) if rnd.random() < 0.5 else '%s-%06d' % (client, seq))


def belongs_to(path, client):
    base = path.rsplit('/', 1)[-1]
    return base.endswith('_' + client) or base.startswith(client + '-')


def list_keys(s3, bucket, prefix, page_size=1000):
    keys = []
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix,
                                                             PaginationConfig={'PageSize': page_size}):
        keys += [(o['Key'], o['Size']) for o in page.get('Contents', [])]
    return keys


class Client(threading.Thread):

    def __init__(self, index, s3s, bucket, seed, deadline):
        super().__init__(daemon=True)
        self.index = index
        self.name = 'b%02d' % index
        self.s3s = s3s
        self.bucket = bucket
        self.rnd = random.Random(seed)
        self.deadline = deadline
        self.own = {}
        self.own_bytes = 0
        self.seq = 0
        self.errors = 0

    def run(self):
        while time.monotonic() < self.deadline and self.errors < MAX_ERRORS:
            op = next_op(self.rnd, len(self.own), self.own_bytes)
            endpoint = self.rnd.randrange(len(self.s3s))
            s3 = self.s3s[endpoint]
            start = time.perf_counter()
            try:
                fields = getattr(self, op.lower())(s3)
                emit(op=op, client=self.name, endpoint=endpoint, ms=(time.perf_counter() - start) * 1000, **fields)
            except Exception as e:  # every failure is reported; the driver fails the test on it
                self.errors += 1
                emit(op='ERROR', client=self.name, error='boto3 %s %s via node %d: %r' % (self.name, op, endpoint, e))

    def put(self, s3):
        n = first_size(self.index, self.rnd) if self.seq == 0 else size(self.rnd)
        path = key_path(self.name, self.seq, self.rnd)
        self.seq += 1
        data = self.rnd.randbytes(n)
        multipart = n > MULTIPART.multipart_threshold
        if multipart:
            s3.upload_fileobj(io.BytesIO(data), self.bucket, path, Config=MULTIPART)
        else:
            s3.put_object(Bucket=self.bucket, Key=path, Body=data)
        crc = zlib.crc32(data)
        self.own[path] = (n, crc)
        self.own_bytes += n
        return dict(key=path, size=n, crc32=crc, multipart=multipart)

    def get(self, s3):
        path = self.rnd.choice(sorted(self.own))
        n, crc = self.own[path]
        body = s3.get_object(Bucket=self.bucket, Key=path)['Body'].read()
        if len(body) != n or zlib.crc32(body) != crc:
            raise AssertionError('GET %s returned size=%d crc32=%x, the ledger has size=%d crc32=%x'
                                 % (path, len(body), zlib.crc32(body), n, crc))
        return dict(key=path, size=n)

    def list(self, s3):
        prefix = 'd%d/' % self.rnd.randrange(TOP_DIRS)
        listed = {k: s for k, s in list_keys(s3, self.bucket, prefix) if belongs_to(k, self.name)}
        expected = {k: v[0] for k, v in self.own.items() if k.startswith(prefix)}
        if listed != expected:
            raise AssertionError('LIST %s showed %s of this client\'s keys, the ledger has %s'
                                 % (prefix, sorted(listed.items()), sorted(expected.items())))
        return dict(prefix=prefix, count=len(listed), size=0)

    def delete(self, s3):
        path = self.rnd.choice(sorted(self.own))
        n, _ = self.own.pop(path)
        self.own_bytes -= n
        s3.delete_object(Bucket=self.bucket, Key=path)
        return dict(key=path, size=0)


def check(s3s, bucket, index, item):
    endpoint = index % len(s3s)
    s3 = s3s[endpoint]
    path = item['key']
    try:
        if item.get('gone'):
            try:
                s3.get_object(Bucket=bucket, Key=path)['Body'].read()
                return 'deleted key %s is readable through node %d' % (path, endpoint)
            except ClientError as e:
                status = e.response['ResponseMetadata']['HTTPStatusCode']
                if status != 404 or e.response['Error']['Code'] != 'NoSuchKey':
                    return 'deleted key %s: GET through node %d answered %d %s, not 404 NoSuchKey' % (
                        path, endpoint, status, e.response['Error']['Code'])
            try:
                s3.head_object(Bucket=bucket, Key=path)
                return 'deleted key %s answers HEAD through node %d' % (path, endpoint)
            except ClientError as e:
                status = e.response['ResponseMetadata']['HTTPStatusCode']
                if status != 404:
                    return 'deleted key %s: HEAD through node %d answered %d, not 404' % (path, endpoint, status)
            return None
        body = s3.get_object(Bucket=bucket, Key=path)['Body'].read()
        if len(body) != item['size'] or zlib.crc32(body) != item['crc32']:
            return 'key %s read through node %d has size=%d crc32=%x, the ledger has size=%d crc32=%x' % (
                path, endpoint, len(body), zlib.crc32(body), item['size'], item['crc32'])
        return None
    except Exception as e:
        return 'check of %s through node %d failed: %r' % (path, endpoint, e)


def verify(s3s, bucket):
    items = [json.loads(line) for line in sys.stdin if line.strip()]
    checks = [i for i in items if 'key' in i]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for problem in pool.map(lambda p: check(s3s, bucket, p[0], p[1]), enumerate(checks)):
            if problem:
                emit(op='ERROR', client='verify', error=problem)
    if any(i.get('list') for i in items):
        for endpoint, s3 in enumerate(s3s):
            keys = list_keys(s3, bucket, '', page_size=500)
            digest = hashlib.sha256(''.join('%s\t%d\n' % k for k in keys).encode()).hexdigest()
            emit(op='LISTED', endpoint=endpoint, count=len(keys), digest=digest)
    emit(op='VERIFIED', live=sum(1 for c in checks if not c.get('gone')), gone=sum(1 for c in checks if c.get('gone')))


def main():
    endpoints, bucket, clients, seconds, seed = sys.argv[1].split(','), sys.argv[2], int(sys.argv[3]), \
        float(sys.argv[4]), int(sys.argv[5])
    # No retries: a retried request would hide exactly the failures this test counts.
    config = Config(retries={'max_attempts': 1, 'mode': 'standard'}, connect_timeout=5, read_timeout=60,
                    max_pool_connections=clients * 2, s3={'addressing_style': 'path'})
    # Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: the nodes' key; every request is signed.
    s3s = [boto3.client('s3', endpoint_url=e, region_name='us-east-1', config=config) for e in endpoints]
    emit(op='READY')
    if sys.stdin.readline().strip() != 'GO':
        return 2
    deadline = time.monotonic() + seconds
    rnd = random.Random(seed)
    workers = [Client(i, s3s, bucket, rnd.getrandbits(64), deadline) for i in range(clients)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    emit(op='LOADED')
    verify(s3s, bucket)
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Variants of labelled posts for screening tests: words mixed from the posts and the region's lexicon,
disguised (leetspeak, spaced, masked, stretched, capitals), every kind of interaction and target, nulls,
escapes, letters beyond ASCII, nested fields and some broken lines.

    scripts/screening-variants.py POSTS.jsonl REGION.json COUNT SEED > variants.jsonl

Tests/NetraCoreTests/Fixtures/screening/variants.jsonl is the first 1,500 lines of
`posts-dev.jsonl region-dev.json 100000 11`; variants.expected.jsonl beside it is what `netra scan --json`
printed for it before screening was rewritten to read bytes (regenerate it only for an intended change)."""
import json, random, sys
posts_path, region_path = sys.argv[1], sys.argv[2]
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
posts=[json.loads(l) for l in open(posts_path)]
region=json.load(open(region_path))
lex=[]; accounts=[]
for e in region['elections']:
    for p in e['pairs']:
        for k in ('nicknames','jargon','hashtags','taglines','symbols','parties'):
            lex+=p.get(k,[])
        lex+=[p['candidate'],p.get('running_mate','')]
        accounts+=p.get('accounts',[])
extra=["nomor 1","nomor urut dua","no. 2","nmr 3","paslon 3","02","03","01","ke2","3️⃣","1️⃣","2\u20e3","dua jari","coblos","nyoblos","pilih","jangan lupa","ayo","gas","yuk","dukung","semoga terpilih","pokoknya","lanjutkan","pasti","selamat","janji manis","paslon sebelah","halah","bagi2","sembako","amplop","foto bareng","selfie","kaos","kaus","stiker","bangga","mantap","hebat","semoga","bismillah","netral","golput","bawaslu","kpu","ketiga paslon","semua paslon","siapapun","bupati","gubernur","pilkada","tps","relawan","pemenangan","27","debat","visi","misi","program","tim","sahabat","barisan","yg","gk","dgn","☝️","✌️","🤟","👌","✌","☝🏻","👍","🙏","😍","#","@","*","yang lain","kerja nyata","masa tenang","bilik suara","jadi bupati","saya pilih","butuh pemimpin","kada usah ragu","aku sih","lbh bersih","é","İstanbul","Ünal","naïve","ΑΒΓ","日本","ẞ","ǅemal","Ⅻ","½","٣"]
words=[]
for p in posts:
    words+= (p.get('text') or '').split()
    words+= (p.get('target',{}) or {}).get('text','').split() if p.get('target') else []
pool=lex+extra
leet={'o':'0','a':'4','e':'3','i':'1','s':'5','t':'7'}
def mutate_word(w):
    r=random.random()
    if r<0.15: return ''.join(leet.get(c,c) if random.random()<0.6 else c for c in w)
    if r<0.25: return random.choice([' ','-','.']).join(w)
    if r<0.33 and len(w)>2:
        i=random.randrange(len(w)); return w[:i]+'*'+w[i+1:]
    if r<0.43 and len(w)>1:
        i=random.randrange(len(w)); return w[:i]+w[i]*random.randint(2,4)+w[i:]
    if r<0.55: return w.upper()
    if r<0.6: return w.capitalize()
    return w
def text():
    n=random.randint(0,18)
    out=[]
    for _ in range(n):
        if random.random()<0.45: w=random.choice(pool)
        else: w=random.choice(words) if words else 'x'
        out.append(mutate_word(w) if random.random()<0.3 else w)
    s=' '.join(out)
    if random.random()<0.1: s=s.replace(' ', random.choice(['  ',', ','\n','\t',' - ','!']))
    return s
kinds=['post','comment','share','like','follow']
def target():
    r=random.random()
    a = random.choice(accounts) if r<0.4 else random.choice(['@akun','@diskominfo_sh',None,'', random.choice(accounts).upper(), '@'+random.choice(accounts).lstrip('@')+'x'])
    t=random.choice([text(), (random.choice(posts).get('text') or ''), None, ''])
    d={}
    if random.random()<0.95: d['author']=a
    if random.random()<0.95: d['text']=t
    return d
out=[]
for p in posts:
    out.append(json.dumps(p, ensure_ascii=random.random()<0.3))
N=int(sys.argv[3])
for i in range(N):
    r=random.random()
    if r<0.3:
        p=dict(random.choice(posts))
        t=(p.get('text') or '').split()
        t=[mutate_word(w) if random.random()<0.2 else w for w in t]
        if random.random()<0.5 and t: t.insert(random.randrange(len(t)+1), random.choice(pool))
        p['text']=' '.join(t)
        p['id']='v%d'%i
    else:
        p={'id':'g%d'%i}
        k=random.choice(kinds+[None])
        if k is not None or random.random()<0.5: p['kind']=k
        p['text']=text() if random.random()<0.93 else random.choice([None,''])
        if k in ('comment','share','like','follow') or random.random()<0.1: p['target']=target()
        if random.random()<0.5: p['author']='@asn%d'%i
        if random.random()<0.3: p['extra']={'nested':[1,2,{'a':'b\\"'}],'n':None,'f':1.5e3,'t':True}
    s=json.dumps(p, ensure_ascii=random.random()<0.3)
    if random.random()<0.003: s=s[:random.randrange(len(s))]  # broken line
    if random.random()<0.002: s=random.choice(['', '   ', '[]', '{"id": 5}', '{"text":"x"}', '{"id":"a","kind":3}', 'null', '{"id":"a"} x','{"id":"a","target":"s"}'])
    out.append(s)
print('\n'.join(out))

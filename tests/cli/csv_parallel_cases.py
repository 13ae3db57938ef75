#!/usr/bin/python3
"""csv_parallel_cases.py OUTDIR — writes the topology folders of test_csv_parallel.sh.

Each folder holds a nodes.csv and a links.csv of more than 4 MB, so that omvei reads them in parts
when it has two threads. With two parts, the second begins at the first line end outside quotes at or
after the middle of the rows (omv__csv_split); boundary() finds that line the same way, and each case
places its change relative to it: before, at, just after, or straddling it. For every case the script
writes OUTDIR/NAME.expect: "ok" when the folder loads, else the exact stderr of omvei (exit code 3).
A case list goes to OUTDIR/cases.
"""
import os
import re
import sys

N = 110000  # nodes: about 5.6 MB of rows


def node_row(i):
    lat = 58.0 + (i % 9000) / 1000.0
    lon = 5.0 + (i % 7000) / 1000.0
    return f"n{i},Site {i},site,{lat:.5f},{lon:.5f},NO,{100 + i % 977},false,72,m{i % 300}"


NODE_HEADER = "id,name,kind,lat,lon,country,population,island,power_h,municipality"
LINK_HEADER = "id,a,b,medium,capacity_gbps,srlg"


def link_rows():
    rows = []
    k = 0
    for i in range(N - 1):
        srlg = f"g{(i * 7919) % 400}" if i % 3 == 0 else ""
        if i % 11 == 0:
            srlg = f"g{(i * 31) % 400};g{(i * 17) % 400}"
        rows.append(f"l{k},n{i},n{i + 1},fiber,400,{srlg}")
        k += 1
    for i in range(0, N - 9, 3):
        rows.append(f"l{k},n{i},n{i + 9},aerial,10,g{(i * 13) % 400}")
        k += 1
    return rows


def boundary(data):
    """The line where the second of two parts starts, and whether the middle falls inside quotes."""
    nl = data.find(b"\n")
    cr = data.find(b"\r")
    ends = [p for p in (nl, cr) if p >= 0]
    e = min(ends)
    start = e + 2 if data[e:e + 2] == b"\r\n" else e + 1
    target = start + int(float(len(data) - start) * 1.0 / 2.0)
    line = 2
    inq = False
    mid_inq = None
    for m in re.compile(rb'["\r\n]').finditer(data, start):
        p = m.start()
        ch = data[p]
        if mid_inq is None and p >= target:
            mid_inq = inq
        if ch == 0x22:
            inq = not inq
            continue
        if ch == 0x0D and data[p + 1:p + 2] == b"\n":
            continue
        line += 1
        if not inq and p + 1 >= target and p + 1 < len(data):
            return line, mid_inq
    raise SystemExit("no boundary found")


def lines_in(b):
    """Line ends in bytes b, as the reader counts them: LF, CRLF, or a lone CR."""
    return b.count(b"\n") + len(re.findall(rb"\r(?!\n)", b))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    base_nodes = [NODE_HEADER] + [node_row(i) for i in range(N)]
    base_links = [LINK_HEADER] + link_rows()
    cases = []

    def write(name, nodes, links, expect, eol="\n", bom=False, raw_nodes=None):
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        data = raw_nodes if raw_nodes is not None else (eol.join(nodes) + eol).encode("utf-8", "surrogateescape")
        if bom:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(d, "nodes.csv"), "wb") as f:
            f.write(data)
        if links is base_links:
            # The unchanged table once, linked into every folder that uses it.
            shared = os.path.join(out, "links.base.csv")
            if not os.path.exists(shared):
                with open(shared, "wb") as f:
                    f.write(("\n".join(links) + "\n").encode())
            os.link(shared, os.path.join(d, "links.csv"))
        else:
            with open(os.path.join(d, "links.csv"), "wb") as f:
                f.write(("\n".join(links) + "\n").encode())
        with open(os.path.join(out, name + ".expect"), "w") as f:
            f.write("ok\n" if expect is None else f"omvei: error: {expect}\n")
        cases.append(name)
        return data

    def nodes_boundary(nodes, eol="\n"):
        return boundary((eol.join(nodes) + eol).encode("utf-8", "surrogateescape"))[0]

    B = nodes_boundary(base_nodes)  # line 1 is the header: row i stands at line i + 2
    LB = boundary(("\n".join(base_links) + "\n").encode())[0]
    assert 1000 < B < N - 1000 and 1000 < LB < len(base_links) - 1000

    def lat_col(i):
        return len(f"n{i},Site {i},site,") + 1

    def bad_lat(nodes, line):
        """Spoils the latitude of the row at line (same length, so the split stays where it was)."""
        i = line - 2
        row = node_row(i)
        lat = row.split(",")[3]
        badv = lat[:-1] + "x"
        nodes[line - 1] = row.replace("," + lat + ",", "," + badv + ",", 1)
        return f"nodes.csv:{line}:{lat_col(i)}: lat '{badv}' is not a number"

    def case_bad_lat(name, lines):
        nodes = list(base_nodes)
        msgs = [bad_lat(nodes, ln) for ln in lines]
        assert nodes_boundary(nodes) == B
        write(name, nodes, base_links, f"{name}/{msgs[0]}")

    # Value errors before, at and after the split; the first in the file wins.
    case_bad_lat("lat_part1", [10])
    case_bad_lat("lat_part2_end", [N + 1])
    case_bad_lat("lat_first_of_part2", [B])
    case_bad_lat("lat_last_of_part1", [B - 1])
    case_bad_lat("lat_both_parts", [B - 3, B + 1])

    def dup_node(nodes, line, first_line):
        """Gives the row at line the id of the row at first_line (ids of the same length)."""
        i, j = line - 2, first_line - 2
        assert len(str(i)) == len(str(j))
        nodes[line - 1] = node_row(i).replace(f"n{i},", f"n{j},", 1)
        return f"nodes.csv:{line}:1: duplicate node id 'n{j}' (first defined at {{d}}/nodes.csv:{first_line})"

    def case_nodes(name, edits):
        nodes = list(base_nodes)
        msgs = [(ln, f(nodes)) for ln, f in edits]
        assert nodes_boundary(nodes) == B
        ln, msg = min(msgs)
        write(name, nodes, base_links, f"{name}/" + msg.replace("{d}", name))

    # A duplicate of a row of the first part, found while the parts are merged.
    case_nodes("dup_node_across", [(B + 5, lambda n: dup_node(n, B + 5, B - 20000))])
    # It comes before a later error of its own part, and after an earlier one.
    case_nodes("dup_then_error", [(B + 5, lambda n: dup_node(n, B + 5, B - 20000)),
                                  (B + 50, lambda n: bad_lat(n, B + 50))])
    case_nodes("error_then_dup", [(B + 2, lambda n: bad_lat(n, B + 2)),
                                  (B + 5, lambda n: dup_node(n, B + 5, B - 20000))])
    # Both rows in the second part: its ids are interned on a thread of their own, and the duplicate
    # sends them through one thread again to be reported at its row.
    case_nodes("dup_node_within_part2", [(B + 5, lambda n: dup_node(n, B + 5, B + 4))])
    # A duplicate in each part: the one earlier in the file is reported.
    case_nodes("dup_in_each_part", [(B - 10, lambda n: dup_node(n, B - 10, B - 20)),
                                    (B + 5, lambda n: dup_node(n, B + 5, B - 20000))])
    # An error late in the first part beats a duplicate in the second.
    case_nodes("part1_error_then_dup", [(B - 3, lambda n: bad_lat(n, B - 3)),
                                        (B + 5, lambda n: dup_node(n, B + 5, B + 4))])
    # A duplicate at the first row of the second part, of the last row of the first.
    case_nodes("dup_at_boundary", [(B, lambda n: dup_node(n, B, B - 1))])

    # Other errors in the second part: fields, numbers, quoting, encoding.
    def edit_row(line, fn):
        def f(nodes):
            nodes[line - 1], msg = fn(line - 2, nodes[line - 1])
            return msg
        return (line, f)

    ln = B + 100
    i = ln - 2
    row = node_row(i)
    case_nodes("too_many_fields", [edit_row(ln, lambda i, r: (
        r + ",x", f"nodes.csv:{ln}:{len(r) + 2}: this row has 11 fields but the header has 10 "
                  "(a field that holds a comma must be quoted)"))])
    case_nodes("too_few_fields", [edit_row(ln, lambda i, r: (
        r.rsplit(",", 1)[0], f"nodes.csv:{ln}:1: this row has 9 fields but the header has 10"))])
    pcol = len(",".join(row.split(",")[:6])) + 2
    pop = row.split(",")[6]
    case_nodes("decimal_comma", [edit_row(ln, lambda i, r: (
        r.replace(f",{pop},", f',"{pop[:-1]},5",', 1),
        f"nodes.csv:{ln}:{pcol}: population '{pop[:-1]},5' is not a number (use a decimal point, not a comma)"))])
    case_nodes("hex_number", [edit_row(ln, lambda i, r: (
        r.replace(f",{pop},", ",0x1F,", 1),
        f"nodes.csv:{ln}:{pcol}: population '0x1F' is not a number (write it in decimal: hexadecimal is not read)"))])
    case_nodes("negative_number", [edit_row(ln, lambda i, r: (
        r.replace(f",{pop},", ",-5,", 1), f"nodes.csv:{ln}:{pcol}: population must not be negative, got '-5'"))])
    hcol = len(",".join(row.split(",")[:8])) + 2
    case_nodes("nan_number", [edit_row(ln, lambda i, r: (
        r.replace(",72,", ",nan,", 1), f"nodes.csv:{ln}:{hcol}: power_h 'nan' is not a finite number"))])
    ncol = len(f"n{i},") + 1
    case_nodes("not_utf8", [edit_row(ln, lambda i, r: (
        r.replace(f",Site {i},", f",Site\udce5{i},", 1),
        f"nodes.csv:{ln}:{ncol + 4}: byte 0xE5 is not UTF-8 text (save the file as UTF-8; spreadsheets often "
        "write Latin-1 or Windows-1252)"))])

    # A stray quote in the first part: the quote count is off from there on, so the second part
    # starts inside what the count takes for a quoted field; the first part's error still wins.
    nodes = list(base_nodes)
    i = 5
    nodes[i + 1] = node_row(i).replace(f",Site {i},", f',Si"te {i},', 1)
    write("stray_quote_part1", nodes, base_links,
          f"stray_quote_part1/nodes.csv:{i + 2}:{len(f'n{i},Si') + 1}: quote inside an unquoted field "
          "(quote the whole field and double the quote)")
    # A quoted field opened and never closed: near the end; and in the first part, where every later
    # line is inside the field, so that there is one part only.
    for name, i in (("unterminated_quote", N - 5), ("unterminated_quote_part1", 7)):
        nodes = list(base_nodes)
        nodes[i + 1] = node_row(i).replace(f",Site {i},", f',"Site {i},', 1)
        write(name, nodes, base_links, f"{name}/nodes.csv:{i + 2}:{len(f'n{i},') + 1}: unterminated quoted "
              "field (the file ends inside it)")

    # A quoted name holding line ends (LF, CRLF, lone CR) and commas across the middle of the file:
    # the split must not fall inside it, and line numbers after it must count its lines.
    def straddle(name, with_error):
        nodes = list(base_nodes)
        filler = "".join(f"part {k}, of a long name\n" if k % 3 == 0 else
                         f"part {k}, of a long name\r\n" if k % 3 == 1 else f"part {k}, \"quoted\" name\r"
                         for k in range(400))
        quoted = '"' + filler.replace('"', '""') + '"'
        L = len(quoted)
        # The row whose start stands about L/2 bytes before the middle of the rows.
        data = ("\n".join(base_nodes) + "\n").encode()
        start = data.find(b"\n") + 1
        target = start + (len(data) - start) // 2
        pos, r = start, 1
        while pos + len(base_nodes[r]) + 1 < target - L // 4:
            pos += len(base_nodes[r]) + 1
            r += 1
        i = r - 1
        nodes[r] = node_row(i).replace(f",Site {i},", "," + quoted + ",", 1)
        msg = None
        if with_error:
            k = r + 3  # three rows after the quoted one; every line of the quoted name counts
            j = k - 1
            lat = node_row(j).split(",")[3]
            nodes[k] = node_row(j).replace("," + lat + ",", "," + lat[:-1] + "x,", 1)
            msg = f"{name}/nodes.csv:{k + 1 + lines_in(quoted.encode())}:{lat_col(j)}: lat '{lat[:-1]}x' is not a number"
        data = write(name, nodes, base_links, msg)
        b, mid_inq = boundary(data)
        assert mid_inq, "the middle of the file must fall inside the quoted field"
        assert b > r + 1 + lines_in(quoted.encode())

    straddle("quoted_straddle", False)
    straddle("quoted_straddle_error", True)

    # Line ends and byte order marks.
    for name, eol, bom in (("crlf", "\r\n", False), ("lone_cr", "\r", False), ("bom", "\n", True)):
        write(name, base_nodes, base_links, None, eol=eol, bom=bom)
        nodes = list(base_nodes)
        b = nodes_boundary(nodes, eol)
        msg = bad_lat(nodes, b + 7)
        write(name + "_error", nodes, base_links, f"{name}_error/{msg}", eol=eol, bom=bom)

    # Blank lines and rows of empty fields in both parts: fewer rows than lines.
    nodes = list(base_nodes)
    for ln in sorted((50, 51, B - 2, B, B + 3, N - 10), reverse=True):
        nodes.insert(ln, "" if ln % 2 else ",,,,,,,,,")
    write("blank_rows", nodes, base_links, None)

    # links.csv: duplicate link id across parts, unknown nodes, value errors; groups across parts.
    def case_links(name, edits):
        links = list(base_links)
        msgs = [(ln, f(links)) for ln, f in edits]
        assert boundary(("\n".join(links) + "\n").encode())[0] == LB
        write(name, base_nodes, links, (f"{name}/" + min(msgs)[1]).replace("{d}", name) if msgs else None)

    def dup_link(line, first_line):
        def f(links):
            old = links[line - 1]
            lid, fid = old.split(",")[0], links[first_line - 1].split(",")[0]
            assert len(lid) == len(fid)
            links[line - 1] = fid + old[len(lid):]
            return f"links.csv:{line}:1: duplicate link id '{fid}' (first defined at {{d}}/links.csv:{first_line})"
        return (line, f)

    def unknown_b(line):
        def f(links):
            p = links[line - 1].split(",")
            bid = p[2]
            p[2] = "z" + bid[1:]
            links[line - 1] = ",".join(p)
            return f"links.csv:{line}:{len(p[0]) + len(p[1]) + 3}: unknown node '{p[2]}' in column b"
        return (line, f)

    def bad_capacity(line):
        def f(links):
            p = links[line - 1].split(",")
            p[4] = "4o0"
            links[line - 1] = ",".join(p)
            return f"links.csv:{line}:{len(','.join(p[:4])) + 2}: capacity_gbps '4o0' is not a number"
        return (line, f)

    case_links("links_ok", [])
    case_links("dup_link_across", [dup_link(LB + 10, LB - 30000)])
    case_links("unknown_node_part2", [unknown_b(LB + 20)])
    # Unknown nodes are reported when the load finishes: a value error anywhere else comes first.
    links = list(base_links)
    unknown_b(LB + 20)[1](links)
    msg = bad_capacity(LB + 900)[1](links)
    write("unknown_then_bad_value", base_nodes, links, f"unknown_then_bad_value/{msg}")
    case_links("bad_capacity_part1", [bad_capacity(LB - 1)])
    case_links("bad_capacity_first_of_part2", [bad_capacity(LB)])

    with open(os.path.join(out, "cases"), "w") as f:
        f.write("\n".join(dict.fromkeys(cases)) + "\n")


if __name__ == "__main__":
    main()

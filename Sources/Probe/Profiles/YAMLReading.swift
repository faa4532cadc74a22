import Yams

/// Reading a YAML file by walking Yams' node tree, so every error carries the line and column of
/// the node at fault and unknown keys (typos) are errors, not silently ignored. Board profiles and
/// the daemon's config are read this way.
public protocol YAMLReading {
    /// The file's path, for errors.
    var file: String { get }
}

extension YAMLReading {
    /// The document's root node; `what` names an empty document.
    public func compose(_ text: String, what: String) throws(YAMLFileError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else { throw fail(nil, "empty \(what)") }
            return node
        } catch let error as YAMLFileError {
            throw error
        } catch let error as YamlError {
            throw yamlFailure(error)
        } catch {
            throw fail(nil, "not YAML: \(error)")
        }
    }

    /// A mapping's fields by key; a key not in `keys`, or one given twice, is an error.
    public func mapping(_ node: Node, _ what: String, keys: [String]) throws(YAMLFileError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try pairs(node, what) {
            let name = try string(key)
            guard keys.contains(name) else {
                throw fail(key, "unknown key '\(name)' in \(what) (expected one of: \(keys.joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw fail(key, "key '\(name)' appears twice in \(what)") }
            result[name] = value
        }
        return result
    }

    public func pairs(_ node: Node, _ what: String) throws(YAMLFileError) -> [(Node, Node)] {
        guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping") }
        return mapping.map { ($0.key, $0.value) }
    }

    public func sequence(_ node: Node, _ what: String) throws(YAMLFileError) -> [Node] {
        guard let sequence = node.sequence else { throw fail(node, "\(what) must be a list") }
        return Array(sequence)
    }

    public func required(_ fields: [String: Node], _ key: String, in parent: Node) throws(YAMLFileError) -> Node {
        guard let node = fields[key] else { throw fail(parent, "missing required key '\(key)'") }
        return node
    }

    public func string(_ node: Node) throws(YAMLFileError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "expected a string") }
        return scalar.string
    }

    public func strings(_ node: Node) throws(YAMLFileError) -> [String] {
        guard let sequence = node.sequence else { throw fail(node, "expected a list of strings") }
        var result: [String] = []
        for item in sequence { result.append(try string(item)) }
        return result
    }

    public func number(_ node: Node) throws(YAMLFileError) -> Double {
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw fail(node, "expected a number, found '\(node.scalar?.string ?? "a collection")'")
        }
        return value
    }

    public func integer(_ node: Node) throws(YAMLFileError) -> Int {
        guard let value = node.int else { throw fail(node, "expected an integer, found '\(node.scalar?.string ?? "a collection")'") }
        return value
    }

    public func boolean(_ node: Node) throws(YAMLFileError) -> Bool {
        guard let value = node.bool else { throw fail(node, "expected true or false, found '\(node.scalar?.string ?? "a collection")'") }
        return value
    }

    public func fail(_ node: Node?, _ message: String) -> YAMLFileError {
        YAMLFileError(file: file, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    private func yamlFailure(_ error: YamlError) -> YAMLFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return YAMLFileError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(detail)\(problem)")
        default:
            return YAMLFileError(file: file, line: nil, column: nil, message: "YAML: \(error)")
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace UContactSdk.Tests
{
    /// <summary>
    /// A strict reader for the server's JSON (its start-up line and its request record), so the
    /// tests need no assembly beyond Mono's core: objects become Dictionary&lt;string, object&gt;,
    /// arrays List&lt;object&gt;, numbers double, and true/false/null themselves.
    /// </summary>
    public sealed class Json
    {
        private readonly string text;
        private int at;

        private Json(string text)
        {
            this.text = text;
        }

        public static object Parse(string text)
        {
            var reader = new Json(text);
            var value = reader.Value();
            reader.Space();
            if (reader.at != text.Length)
            {
                throw reader.Error("text after the value");
            }
            return value;
        }

        private object Value()
        {
            Space();
            if (at >= text.Length)
            {
                throw Error("the text ends where a value belongs");
            }
            switch (text[at])
            {
                case '{':
                    return Object();
                case '[':
                    return Array();
                case '"':
                    return String();
                case 't':
                    return Word("true", true);
                case 'f':
                    return Word("false", false);
                case 'n':
                    return Word("null", null);
                default:
                    return Number();
            }
        }

        private Dictionary<string, object> Object()
        {
            var result = new Dictionary<string, object>();
            at++;
            Space();
            if (Peek('}'))
            {
                return result;
            }
            while (true)
            {
                Space();
                if (at >= text.Length || text[at] != '"')
                {
                    throw Error("a key is missing");
                }
                var key = String();
                Space();
                Expect(':');
                result.Add(key, Value());
                Space();
                if (Peek('}'))
                {
                    return result;
                }
                Expect(',');
            }
        }

        private List<object> Array()
        {
            var result = new List<object>();
            at++;
            Space();
            if (Peek(']'))
            {
                return result;
            }
            while (true)
            {
                result.Add(Value());
                Space();
                if (Peek(']'))
                {
                    return result;
                }
                Expect(',');
            }
        }

        private string String()
        {
            var result = new StringBuilder();
            at++;
            while (true)
            {
                if (at >= text.Length)
                {
                    throw Error("a string is not terminated");
                }
                var c = text[at++];
                if (c == '"')
                {
                    return result.ToString();
                }
                if (c < ' ')
                {
                    throw Error("a string holds a control character");
                }
                if (c != '\\')
                {
                    result.Append(c);
                    continue;
                }
                if (at >= text.Length)
                {
                    throw Error("an escape is not terminated");
                }
                var e = text[at++];
                switch (e)
                {
                    case '"': case '\\': case '/': result.Append(e); break;
                    case 'b': result.Append('\b'); break;
                    case 'f': result.Append('\f'); break;
                    case 'n': result.Append('\n'); break;
                    case 'r': result.Append('\r'); break;
                    case 't': result.Append('\t'); break;
                    case 'u':
                        if (at + 4 > text.Length)
                        {
                            throw Error("a \\u escape is too short");
                        }
                        // A surrogate pair arrives as two escapes, appended one after the other.
                        result.Append((char)int.Parse(text.Substring(at, 4), NumberStyles.HexNumber,
                            CultureInfo.InvariantCulture));
                        at += 4;
                        break;
                    default:
                        throw Error("unknown escape \\" + e);
                }
            }
        }

        private double Number()
        {
            var start = at;
            while (at < text.Length && "+-0123456789.eE".IndexOf(text[at]) >= 0)
            {
                at++;
            }
            double value;
            if (start == at || !double.TryParse(text.Substring(start, at - start),
                NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                throw Error("not a value");
            }
            return value;
        }

        private object Word(string word, object value)
        {
            if (string.CompareOrdinal(text, at, word, 0, word.Length) != 0)
            {
                throw Error("not a value");
            }
            at += word.Length;
            return value;
        }

        private void Space()
        {
            while (at < text.Length && " \t\r\n".IndexOf(text[at]) >= 0)
            {
                at++;
            }
        }

        private bool Peek(char c)
        {
            if (at < text.Length && text[at] == c)
            {
                at++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!Peek(c))
            {
                throw Error("'" + c + "' is missing");
            }
        }

        private FormatException Error(string problem)
        {
            return new FormatException("JSON at offset " + at + ": " + problem);
        }
    }
}

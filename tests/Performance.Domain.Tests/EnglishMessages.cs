using System.Runtime.CompilerServices;
using Performance.Domain.Language;

namespace Performance.Domain.Tests;

// The domain speaks Italian outside a request; these tests call it directly and assert its English texts
// (the API tests get English per request through Accept-Language instead).
internal static class EnglishMessages
{
#pragma warning disable CA2255 // a test assembly's one-time setting, not a library's
    [ModuleInitializer]
    internal static void Set() => Say.Outside = Performance.Domain.Language.Language.English;
#pragma warning restore CA2255
}

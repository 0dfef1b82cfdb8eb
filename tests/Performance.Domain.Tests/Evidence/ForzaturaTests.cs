using Performance.Domain.Evidence;
using Performance.Domain.Plans;

namespace Performance.Domain.Tests.Evidence;

/// <summary>A forzatura is decided once, with a reason when rejected, and never by the person who proposed it.</summary>
public sealed class ForzaturaTests
{
    private static readonly DateTime At = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Forzatura Proposed(string by = "persona") => new() { Reason = "sistema non disponibile", ProposedBy = by, ProposedAt = At };

    [Fact]
    public void Who_proposed_it_can_neither_approve_nor_reject_it()
    {
        var forzatura = Proposed();
        Assert.Contains("proposed by persona", forzatura.FourEyesProblem("persona"));
        Assert.Throws<WorkflowException>(() => forzatura.Approve("persona", At, null));
        Assert.Throws<WorkflowException>(() => forzatura.Reject("persona", At, "no"));
        Assert.Equal(ForzaturaStatus.Proposed, forzatura.Status);
        Assert.Null(forzatura.DecidedBy);
    }

    [Fact]
    public void Another_person_decides_it_once()
    {
        var forzatura = Proposed();
        Assert.Null(forzatura.FourEyesProblem("oiv.altro"));
        forzatura.Approve("oiv.altro", At, " documentato ");
        Assert.Equal((ForzaturaStatus.Approved, "oiv.altro", "documentato"), (forzatura.Status, forzatura.DecidedBy, forzatura.DecisionNote));
        Assert.Throws<WorkflowException>(() => forzatura.Reject("oiv.terzo", At, "ripensamento"));
        Assert.Throws<WorkflowException>(() => Proposed().Reject("oiv.altro", At, " "));
    }
}

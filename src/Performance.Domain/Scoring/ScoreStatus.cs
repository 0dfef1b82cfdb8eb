namespace Performance.Domain.Scoring;

/// <summary>Semaforo: green met, yellow close below target, red otherwise, grey when nothing can be scored.</summary>
public enum ScoreStatus { Green, Yellow, Red, Grey }

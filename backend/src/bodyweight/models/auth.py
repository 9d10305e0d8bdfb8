from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class SignInAttempt(Base):
    """Sign-in attempts of one key (an account or a client address) in its current
    fixed window: the rate limits every worker and replica share."""

    __tablename__ = "sign_in_attempts"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer)
    # Indexed so expired windows are pruned cheaply.
    window_ends: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
